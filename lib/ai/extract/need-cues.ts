import { heWord, re } from "./rx";

/**
 * "im Angebot haben" (in the range) is a question about what we sell, not a request for a quote
 * ("ein Angebot schicken"): `RANGE_DE` finds it, `NOT_RANGE` keeps "Angebot" from reading as a quote there.
 */
export const RANGE_DE = String.raw`(?:(?:im|ins|in (?:ihrem|eurem|deinem)|aus (?:ihrem|eurem|deinem))\s+(?:\p{L}+(?:en|em|er|es|e)\s+)?(?:sortiment|programm|produktportfolio)|(?:im|ins)\s+(?:\p{L}+(?:en|em|er|es|e)\s+)?(?:angebot|agebot))\b`;
export const NOT_RANGE = String.raw`(?<!(?:^|[^\p{L}])(?:im|ins)\s(?:\p{L}+(?:en|em|er|es|e)\s)?)`;

/**
 * The words people use for each need status, in English, German (with Swiss spellings) and Hebrew
 * (prefix-tolerant via `heWord`). They are categories of expression, not sentences from a corpus:
 * a new phrasing should land in one of them. `need.ts` decides with them, clause by clause.
 */

/** Opt-outs: whatever else the message says, the lead wants no contact. */
export const OPT_OUT = re(
  String.raw`^\s*(?:stop|unsubscribe|stopp|abmelden)\b|\bunsubscribe\b|\b(?:remove|take) (?:me|us|my (?:number|address|details|email))\b[^.?!]{0,30}\b(?:list|database|off)\b|(?:^|\b(?:please|pls|just|and)\s+|[,:!]\s*)stop (?:emailing|calling|texting|contacting|messaging|sending)\b|\bdo not (?:contact|call|email)\b|\bdon'?t (?:contact|call|email) (?:me|us)\b` +
    String.raw`|\b(?:löschen sie|bitte löschen|entfernen sie)\b|\b(?:nehmen sie|streichen sie) (?:mich|uns)\b[^.?!]{0,20}\b(?:liste|verteiler)\b|\bvon (?:der|ihrer) liste\b|\baus ihrem verteiler\b|\bkei(?:ne)? (?:anrufe|werbung|e-?mails?|mails?|sms|nachrichten|post) (?:mehr|meh)\b|\bwiderspreche\b|\bwerbewiderspruch\b` +
    String.raw`|${heWord(["הסירו", "הסר", "להסיר", "תסירו"], false)}|${heWord(["תפסיקו", "להפסיק"], false)}\s+${heWord(["לשלוח", "להתקשר", "לפנות"], false)}|${heWord("אל")}\s+${heWord(["תתקשרו", "תפנו", "תשלחו"], false)}|${heWord(["תסיר", "תסירי", "הסר", "להסיר"], false)}\s+${heWord(["אותי", "אותנו", "את המספר", "את המייל"], false)}|${heWord(["לא רוצה", "לא רוצים", "לא מעוניין", "לא מעוניינת"], false)}\s+${heWord("לקבל")}\s+(?:${heWord(["יותר", "עוד"], false)}\s+)?${heWord(["הודעות", "מיילים", "שיחות", "פניות", "דיוור"], false)}|${heWord(["די", "מספיק"], false)}\s+${heWord("עם")}\s+${heWord(["ההודעות", "השיחות", "הספאם"], false)}`,
);

/**
 * No need: not interested, no need, decided against it, bought elsewhere, moving out, won't buy,
 * no point. Cues that say "not now" (`SOFT`) can still leave room for interest ("kein Interesse
 * aktuell, aber schicken Sie den Newsletter").
 */
export const NO_NEED = re(
  String.raw`\bnot (?:really |actually |at all |currently |even )?interested\b|\bno (?:longer )?(?:need|interest|requirement)\b|\b(?:don'?t|do not|doesn'?t|does not|no longer) (?:really )?(?:need|want|require) (?:it|this|that|them|anything|any|one|your|a new|new|an? \p{L}+ (?:anymore|any more|at all))\b|\bno longer need\b|\bwon'?t (?:be )?(?:need|buy|purchas)\w*\b|\bnot (?:going|planning) to (?:buy|purchase|order|switch|change|replace|renew|go ahead)\b|\bno plans? (?:to|for)\b|\bnot on the (?:agenda|cards|table)\b|\bstay(?:ing)? with (?:our|the|my) (?:current|existing|old)\b|\b(?:project|plan|deal|order|it) is off\b|\bsold (?:the|our|my) (?:house|home|flat|property|business|company)\b|\b(?:no|not|nicht|kein\w*)\b[^.?!]{0,40}\bafter all\b|\bnot planning to buy\b` +
    String.raw`|\b(?:decided|chosen|voted) (?:not to|against)\b|\bnot (?:to )?go(?:ing)? ahead\b|\bwon'?t (?:be )?go(?:ing)? ahead\b|\b(?:we'?ll|we will|have to|going to) (?:pass|cancel|live with)\b|\boff the table\b|\bno,? thanks?\b|\bno thank you\b|\bno longer relevant\b|\b(?:all )?sorted (?:now|already|it)\b|\bwe'?re (?:all )?set\b|\btaken care of\b|\bawarded (?:the \p{L}+ )?to (?:another|someone|a different)\b|\bwent elsewhere\b|\bno point\b|\bthat'?s that\b|\bcall(?:ing)? it off\b|\bcancel (?:the|our|my)\b` +
    String.raw`|\b(?:went|gone|going|signed|decided to go) with (?:another|a different|someone else|a competitor|the other|an?other)\b|\b(?:already|just) (?:have|has|got|bought|signed|installed|ordered|booked|purchased|found|chose|picked|went with)\b[^.?!]{0,60}\b(?:happy|satisfied|fine|another|other|different|competitor|provider|supplier|vendor|agency|installer|company|firm|through|from|last|elsewhere)\b|\bfound (?:someone|somebody|another)\b` +
    String.raw`|\b(?:moving|relocating|selling the (?:house|flat|property|business))\b[^.?!]{0,30}\b(?:to|abroad|away|so|next|in)\b|\bclosing (?:down|the business|the shop)\b|\bfiled for (?:insolvency|bankruptcy)\b` +
    String.raw`|\bkein(?:en)? (?:akuten )?(?:bedarf|interesse)\b|\bkei (?:bedarf|interesse)\b|\b(?:brauchen|brauche|bruuched|bruuche|benötigen) (?:wir |ich |mir )?(?:\p{L}+ ){0,3}(?:nicht|kein\w*|kei)\b(?! \w* ?(?:mehr|meh) als)|\bnicht (?:mehr )?interessiert\b|\bkein(?:e|en)? (?:\p{L}+ )?(?:mehr|meh)\b(?=[^.?!]{0,30}\b(?:bedarf|nötig|brauch))` +
    String.raw`|\b(?:gegen|nicht für)\b[^.?!,]{0,40}\bentschieden\b|\bbleiben (?:bei|mit) (?:unserer|unserem|unseren|dem|der|unser)\b|\bdoch nicht\b|\bfür einen anderen anbieter entschieden\b|\banderen anbieter\b|\b(?:nicht weiter(?:zu)?verfolgen|nicht weiter verfolgen|nöd wiiterverfolge|nöd wiiter verfolge|absagen|abgesagt|stornieren)\b|\bsteht\b[^.?!]{0,40}\bnicht an\b|\b(?:bereits|schon|scho) (?:eine?n?|e|unsere?)?\s?(?:\p{L}+ )?(?:firma|anbieter|lösung|installateur|anderi firma)\b|\b(?:haben|habe|hat|händ) (?:bereits|schon|scho)\b[^.?!]{0,40}\b(?:zufrieden|anderen|anbieter|gefunden|gekauft|bestellt|firma)\b|\bsind (?:damit |sehr )?zufrieden\b` +
    String.raw`|\b(?:ziehen|zügeln) (?:bald |demnächst )?(?:um|weg|aus)\b|\bverkaufen (?:das|unser) (?:haus|wohnung|geschäft)\b|\bmacht (?:ende \p{L}+ )?zu\b|\bmacht \p{L}+ \p{L}+ zue\b|\binsolvenz\w*\b|\bpleite\b|\bkaufen werde ich\b[^.?!]{0,15}\bnichts\b|\bkann ich (?:also )?(?:leider )?nicht machen\b|\bmacht für uns keinen sinn\b|\bhat sich (?:erledigt|erübrigt)\b|\bnicht mehr aktuell\b|\bverzichten\b|\bkommt (?:für uns )?nicht in frage\b|\bnein,? danke\b|\b(?:anderweitig|bereits|schon) vergeben\b|\bnicht relevant\b` +
    String.raw`|${heWord(["לא", "אינני", "איננו", "אינו", "אינה", "אינם", "אנחנו לא", "אני לא"], false)}\s+(?:${heWord(["ממש", "כל כך"], false)}\s+)?${heWord(["מעוניינ", "מעונינ", "רלוונטי", "מתכננים לקנות", "מתכנן לקנות", "נקנה", "נזמין"])}` +
    String.raw`|${heWord(["אין"], false)}\s+(?:(?:לי|לנו)\s+)?${heWord(["צורך", "עניין"], false)}|${heWord("לא")}\s+${heWord(["צריך", "צריכה", "צריכים", "נצטרך"], false)}|${heWord(["החלטנו", "החלטתי"], false)}\s+(?:${heWord(["לא", "לוותר", "שלא"], false)}|${heWord(["ללכת", "לעבוד", "לסגור"], false)}\s+${heWord(["עם"], false)}\s+${heWord(["חברה", "ספק", "מישהו"])}\s+${heWord(["אחר", "אחרת"])})|${heWord(["כבר"], false)}\s+${heWord(["קנינו", "קניתי", "התקנו", "התקנתי", "הזמנו", "הזמנתי", "סגרנו", "סגרתי", "בחרנו", "בחרתי", "מצאנו", "מצאתי", "יש"], false)}|${heWord(["ירדנו", "ירדתי"], false)}\s+${heWord("מה")}|${heWord(["עוברים", "עוברת", "עובר", "עברנו"], false)}\s+(?:${heWord(["דירה", "לגור", "לחו"])})|${heWord(["מבטלים", "ביטלנו", "הסתדרנו", "סידרנו"], false)}|^\s*לא תודה|${heWord(["תורידו", "הורידו", "תוציאו", "הוציאו"], false)}\s+${heWord("אותי", false)}|${heWord(["ללכת", "לעבוד", "לסגור"], false)}\s+${heWord("עם", false)}\s+${heWord(["חברה", "ספק"])}\s+${heWord(["אחר", "אחרת"])}|${heWord("לא", false)}\s+${heWord(["ממשיכים", "נמשיך"], false)}|${heWord("לא", false)}\s+${heWord(["נתקין", "נקנה", "נזמין", "נעשה"], false)}\s+${heWord(["כלום", "שום"], false)}|${heWord(["עוזבים", "עוזב", "עוזבת"], false)}\s+${heWord("את", false)}\s+${heWord("הארץ", false)}|${heWord("הוחלט", false)}[^.?!]{0,40}${heWord("לא", false)}|${heWord(["מרוצים", "מרוצה"], false)}\s+${heWord(["מהספק", "מהחברה"])}|${heWord(["פשיטת", "חדלות"], false)}` +
    // by category: a past "we" or "I" verb with another provider ("הזמנו כבר מחברה אחרת", "בחרתי בספק אחר")
    String.raw`|(?<![\p{L}])(?!(?:אנחנו|לנו|שלנו|אותנו|איתנו|עלינו|אלינו|ממנו|בשבילנו|אצלנו|עבורנו|שלי|אותי)(?![\p{L}]))\p{L}{2,}(?:נו|תי)(?![\p{L}])[^.?!]{0,30}?${heWord(["חברה", "ספק", "מישהו", "קבלן", "מתקין", "מתחרה", "מתחרים", "גורם", "איש מקצוע", "משרד"], false)}\s+${heWord(["אחר", "אחרת", "אחרים"], false)}` +
    // staying with what they have, giving up, can't go ahead, not meant for them
    String.raw`|${heWord(["נשאר", "נשארים", "נשארת", "נשארנו", "נישאר", "ממשיכים", "נמשיך", "ממשיך", "השארנו", "נשאיר", "נשארו"], false)}\s+(?:${heWord(["עם", "את", "ב"], false)}\s+)?(?:\p{L}+\s+){0,2}${heWord(["הקיים", "הקיימת", "הנוכחי", "הנוכחית", "הישן", "הישנה", "הקיימים"], false)}` +
    String.raw`|${heWord(["נוותר", "ויתרנו", "ויתרתי", "מוותרים", "מוותר", "מוותרת", "ירד מהפרק", "לא על הפרק", "לא בשבילנו", "לא בשבילי", "לא מתאים לנו", "לא מתאים לי"], false)}` +
    String.raw`|${heWord("לא", false)}\s+(?:${heWord(["נוכל", "נוכל להמשיך", "נוכל להתקדם"], false)}\s+)?${heWord(["להתקין", "להתקדם", "להמשיך", "לבצע", "לקנות", "להזמין", "נתקדם", "מתקדמים"], false)}` +
    String.raw`|${heWord("לא", false)}\s+${heWord(["מתכוון", "מתכוונת", "מתכוונים", "מתכנן", "מתכננת", "מתכננים", "הולך", "הולכת", "הולכים"], false)}\s+${heWord(["לקנות", "לרכוש", "להזמין", "להתקין", "להחליף", "לעשות", "לבצע", "לסגור", "לשנות"], false)}` +
    String.raw`|${heWord(["מצאנו", "מצאתי", "סגרנו", "בחרנו", "בחרתי"], false)}\s+(?:${heWord("כבר", false)}\s+)?${heWord(["מישהו", "ספק", "חברה", "קבלן", "פתרון", "מתקין"], false)}` +
    String.raw`|${heWord("לא", false)}\s+${heWord(["נשקיע", "נשקיע בזה", "נוציא"], false)}` +
    // academic research: a student's paper is no buying need
    String.raw`|${heWord(["עבודה", "עבודת", "פרויקט", "פרוייקט"], false)}\s+${heWord(["סמינריונית", "סמינריוני", "גמר", "לתואר", "אקדמית", "אקדמי", "סמינר", "מחקר"], false)}|${heWord(["תזה", "לצורך מחקר"], false)}`,
);

/**
 * Cancelling something the lead already has (a membership, subscription, contract, policy): no need,
 * unless they cancel a current provider to come to us (`SWITCH_TO_US`).
 */
const CANCELLED_THING_EN = String.raw`(?:\p{L}+\s+){0,2}?(?:membership|subscription|contract|plan|account|policy|insurance|lease|tariff|package|licen[cs]e|direct debit|standing order|service agreement)s?\b`;
const CANCELLED_THING_DE = String.raw`(?:\p{L}+\s+)?\p{L}*(?:mitgliedschaft|abo|abos|abonnement|vertrag|versicherung|police|konto|account|zugang|lizenz|tarif|dauerauftrag)\b`;
export const CANCEL = re(
  String.raw`\b(?:cancel(?:l?ing|l?ed|s)?|terminat(?:e|ing|ed)|end(?:ing)?|quit(?:ting)?|stop(?:ping)?)\s+(?:my|our|his|her|their)\s+${CANCELLED_THING_EN}|\b(?:membership|subscription)s?\b[^.?!]{0,40}\b(?:cancel\w*|terminat\w*)\b|\bcancel(?:l?ation)? (?:of )?(?:my|our) ${CANCELLED_THING_EN}` +
    String.raw`|\b(?:meine?[nms]?|unsere?[nms]?|mis|mini|mys|üsi|üses|eusi|eues|das|die|den|s|d)\s+${CANCELLED_THING_DE}[^.?!]{0,60}?\b(?:kündigen|kündige|kündig|gekündigt|künde|chünde|chündige|chündet|gchündet|stornieren|beenden|auflösen)\b|\b(?:kündigen|kündige|kündigt|chündige|chünde|stornieren)\s+(?:wir\s+|ich\s+|sie\s+|si\s+)?(?:bitte\s+)?(?:meine?[nms]?|unsere?[nms]?|das|die|den|s|d|mis|mini|üsi|üses)\s+${CANCELLED_THING_DE}|\bkündigung\s+(?:meines|meiner|unseres|unserer|des|der|vo mim|vo üsem)\s+${CANCELLED_THING_DE}` +
    `|${heWord(["לבטל", "מבטל", "מבטלת", "מבטלים", "ביטלתי", "ביטלנו", "נבטל", "אבטל", "ביטול", "לסיים", "לנתק", "להפסיק", "מפסיק", "מפסיקה"], false)}\\s+(?:${heWord("את", false)}\\s+)?${heWord(["מנוי", "המנוי", "מינוי", "חוזה", "הסכם", "חברות", "פוליסה", "הוראת קבע", "חשבון", "תוכנית", "מסלול", "התקשרות", "ביטוח"])}`,
);
/** Leaving a current provider to come to us: "cancel our contract with our current supplier and move to you". */
export const SWITCH_TO_US = re(
  String.raw`\b(?:switch\w*|mov(?:e|ing)|chang(?:e|ing)|transfer\w*|com(?:e|ing)(?: over)?|go(?:ing)? over)\s+(?:over\s+)?to (?:you|your (?:company|service|firm|product|team|platform))\b|\b(?:join|sign up with|go with) you\b|\b(?:current|existing|present|old|previous) (?:supplier|provider|vendor|company|agency|installer|insurer|carrier|contractor|firm|host|hosting provider|utility|energy supplier|broker)s?\b` +
    String.raw`|\b(?:wechseln|wechsle|umsteigen|kommen)\b[^.?!]{0,15}\bzu (?:ihnen|euch|dir|ihrer firma)\b|\bzu (?:ihnen|euch) (?:wechseln|wechsle|umsteigen|kommen)\b|\b(?:aktuell|bisherig|jetzig|derzeitig|alt)\w* (?:anbieter|lieferant|versicherer|provider|dienstleister|stromanbieter|vertragspartner|energieversorger|hoster|firma|partner)\w*\b|\banbieter\w* (?:zu )?wechseln\b` +
    `|${heWord(["לעבור", "עוברים", "נעבור", "אעבור", "עובר", "עוברת"], false)}\\s+${heWord(["אליכם", "לכם", "אצלכם"], false)}|${heWord(["הספק", "החברה", "המתקין", "הקבלן", "הספקית", "חברת הביטוח", "הספקים"], false)}\\s+${heWord(["הנוכחי", "הנוכחית", "הקודם", "הקודמת", "הישן", "הישנה", "הנוכחיים"], false)}`,
);

/** Someone else wants it, said in Hebrew before the verb ("בעלי רוצה להחליף את הגג"): an interest at most. */
export const HE_OTHER_SUBJECT = re(
  String.raw`(?:^|\s)(?:בעלי|אשתי|בן הזוג שלי|בת הזוג שלי|אבא שלי|אמא שלי|ההורים שלי|הבן שלי|הבת שלי|הבוס שלי|המנהל שלי|המנהלת שלי|השותף שלי|הוא|היא|הם)\s+(?:\p{L}+\s+)?$`,
);

/**
 * More German no-need categories: done or dropped ("hat sich erledigt", "hinfällig", "nicht weiterverfolgt"),
 * given to someone else or a competitor, solved in-house, moving away, house sold. A separate pattern
 * because one more branch in `NO_NEED` pushes V8 off its compiled fast path (10× slower).
 */
export const NO_NEED_DE = re(
  String.raw`\b(?:thema|projekt|anfrage|sache)\b[^.?!]{0,30}\b(?:abgeschlossen|beendet)\b|\b(?:intern|selbst|selber)\b[^.?!]{0,20}\blösung gefunden\b|\bgegen\b[^.?!,]{0,70}\bentschieden\b|\bsind\b[^.?!]{0,50}\bzufrieden\b|\bkein(?:en)? (?:wechsel|umstieg|ersatz|bedarf) (?:geplant|vorgesehen|nötig)\b|\b(?:streichen|löschen|nehmen|entfernen) sie (?:mich|uns|meine \p{L}+)\b[^.?!]{0,25}\b(?:kartei|datenbank|adressliste|adressbestand|mailingliste|system|liste|verteiler)\b|\bhat sich\b[^.?!]{0,30}\b(?:erledigt|erübrigt)\b|\b(?:hinfällig|gegenstandslos|vom tisch)\b|\bnicht (?:mehr )?weiter ?verfolgt\b|\b(?:bei|mit|an|für) (?:einem|einer|einen|eine|eim|em|en|e) ander(?:en|er|e|i|n)\s+(?!frage|thema|grund|stelle|mal|teil|seite|standort)\p{L}+|\b(?:für|mit)\b[^.?!]{0,30}\b(?:mitbewerber\w*|konkurrent\w*|wettbewerber\w*|konkurrenz)\b|\b(?:mitbewerber\w*|konkurrent\w*|wettbewerber\w*)\b[^.?!]{0,30}\b(?:den zuschlag|beauftragt|gewählt|entschieden)\b|\b(?:intern|selbst|selber|in eigenregie) (?:lösen|machen|erledigen|umsetzen|mache|löse)\b|\b(?:ziehen|ziehe|zügeln|zügle|zügled)\b[^.?!]{0,40}\b(?:aus|weg|fort|ins ausland|nach \p{Lu}\p{L}+ (?:um|zügle|zügeln))\b|\bam (?:umziehen|zügeln|zügle)\b|\b(?:haben|hat|händ|hämmer) (?:das|unser\w*|üses|eusi) (?:\p{L}+ )?(?:haus|huus|wohnung|geschäft|firma|liegenschaft|betrieb) verkauft\b|\bkein(?:e|en)? (?:\p{L}+ )?(?:bedarf|verwendung)\b|\bnicht (?:mehr )?(?:nötig|notwendig|erforderlich)\b|\bbrauchts? (?:nicht|nöd|nid) (?:mehr|meh)\b`,
);

/** Disqualifying cues that only speak about now ("not interested at the moment"). */
export const SOFT = re(
  String.raw`\b(?:at the moment|right now|currently|for now|at this stage|this year|aktuell|derzeit|zurzeit|momentan|im moment|grad|gerade|dieses jahr|vorerst|vorläufig|fürs erste|vorderhand|zur zeit|im augenblick|heuer)\b|${heWord(["כרגע", "בינתיים", "השנה", "עכשיו", "בשנתיים הקרובות", "בשנה הקרובה", "בזמן הקרוב", "לעת עתה"], false)}`,
);

/** German participles and infinitives that close a requirement: "… muss bis März ersetzt werden", "… sollten hängen". */
const DONE_DE = String.raw`abgeschlossen|fertig|erledigt|installiert|umgesetzt|passieren|erfolgen|stattfinden|laufen|ersetzt|erneuert|getauscht|ausgetauscht|saniert|umgestellt|eingeführt|gemacht|montiert|geliefert|eingebaut|gebaut|repariert|modernisiert|digitalisiert|hängen|stehen|bereitstehen|in betrieb`;

/**
 * A requirement: a desire verb with something behind it ("we need 6 wallboxes", "wir suchen eine
 * Küche", "mir bruuched e neui Software", "אנחנו מחפשים מערכת"). Group 1 is the object.
 */
export const REQUIRE = re(
  String.raw`\b(?:we|i|they|he|she|and|(?:our|the|my) \p{L}+(?: \p{L}+)?)(?:\s+|(?='))(?:really |urgently |definitely |also |still |now |just |do |would |'d )?(?:need|needs|require|requires|are requiring|want|wants|would like|'d like|are looking (?:for|to)|'re looking (?:for|to)|am looking (?:for|to)|'m looking (?:for|to)|plan to|are planning(?: to)?|'re planning(?: to)?|intend to|wish to|have to (?:replace|repair|fix|renew|get)|must (?:replace|repair|fix|renew|get))\s+(.+)` +
    String.raw`|\b(?:looking for|in need of|searching for|request(?:ing)? (?:a )?(?:quote|quotation|offer|proposal) for|(?<!(?:your|ur|the|ihr|eure?) )(?:quotes?|quotations?|offers?|proposals?|valuation|survey) for|(?:quote|price) (?:me |us )?for|we'?d love|i'?d love)\s+(.+)` +
    String.raw`|\b(?:wir|ich|i|er|sie|mir|mer|mia|ma|und|unser\p{L}* \p{L}+)\s+(?:brauchen|braucht|brauche|brauch|bruuched|bruuche|bruchet|bruched|bruuchet|brauchan|brauchat|benötigen|benötigt|benötige|benötigten|suchen|sucht|suche|suechet|sueched|möchten|möchte|möchted|wollen|will|wänd|wend|wöttet|planen|plane|bräuchten|bräuchte|hätten gerne|hätte gern|hätte gerne|müssen|muss|müend|müssten|müsste)\s+(?:(?:dringend|eigentlich|auch|noch|jetzt|gerne|gern|unbedingt|zwingend|ab sofort|bald|mal|nur|bis \p{L}+)\s+)*(.+)` +
    String.raw`|\b(?:brauchen|benötigen|suchen|möchten|wollen|planen|bräuchten|bruuche|bruuched)\s+(?:wir|ich|mir|mer)\s+(?!nicht\b|kein)(?:(?:dringend|eigentlich|auch|noch|jetzt|gerne|unbedingt|zwingend|ab sofort|nur)\s+)*(.+)` +
    String.raw`|\b(?:wir|ich|mir|mer) (?:würden|würde|hätten|hätte)\s+(.{3,80}?)\s+gerne?\b|\b(?:wir|ich|mir|mer|und)\s+(?:würden|würde|möchten|möchte|wollen|wänd)\s+(?:\p{L}+\s+){0,2}?gerne?\s+(.{3,80})|\b(?:würden|würde) (?:wir|mir|mer|ich)\b[^.?!]{0,60}\b(\p{L}+(?:en|e))(?=[^\p{L}\d]*$)|\bwe'?d (?:do|replace|redo|install|renovate|go for|get|buy)\s+(.+)|^(?:want|need|wanting|needing|looking for|after)\s+(.+)` +
    String.raw`|\b(?:die|der|das|den|our|the|unsere?n?|d|s)\s+([\p{L}-]+(?:\s+(?:für|for|of)\s+[^.?!,]{3,40}?)?)\s+(?:muss|müssen|muess|soll|sollte|sött|needs? to be|has to be|have to be|must be|should be)\b[^.?!]{0,40}\b(?:abgeschlossen|fertig|erledigt|installiert|umgesetzt|passieren|erfolgen|stattfinden|laufen|done|finished|installed|live|in place|running|ready|set up|completed)\b` +
    String.raw`|\b(?:die|der|das|den|unsere?n?|d|s)\s+((?:neue[nrs]?\s+|alte[nrs]?\s+)?[\p{L}-]{4,}(?:\s+(?:für|im|in|of)\s+[^.?!,]{3,40}?)?)\s+(?:muss|müssen|müsste|müssten|soll|sollen|sollte|sollten|sött|muess)\b[^.?!]{0,60}\b(?:${DONE_DE})\b|\b(?:muss|müssen|müsste|müssten|soll|sollen|sollte|sollten|sött)\s+(?:die|der|das|den|unsere?n?)\s+((?:\p{L}+\s+)?[\p{L}-]{4,})\b[^.?!]{0,60}\b(?:${DONE_DE})\b` +
    String.raw`|\b(?:bitte um|bitten um|bitten sie um|wir bitten um) (?:ein(?:e|en)? )?(?:angebot|offerte|kostenvoranschlag|unterlagen und ein angebot)\s*(.*)|\b\p{L}*(?:angebot|angebote|offerte|offerten|kostenvoranschlag)\s+für\s+(.+)|\bes geht um\s+(.+)|\bbedarf an\s+(.+)` +
    String.raw`|${heWord(["צריך", "צריכה", "צריכים", "זקוק", "זקוקה", "זקוקים", "מחפש", "מחפשת", "מחפשים", "רוצה", "רוצים", "רציתי", "רצינו", "חייבים", "חייב", "מבקש", "מבקשת", "מבקשים", "מתכננים", "מתכנן", "מתכננת", "מוכנים להשקיע", "מוכן להשקיע", "נצטרך", "נרצה", "מדובר"], false)}\s+(.+)|${heWord(["הצעת"], false)}\s+${heWord("מחיר", false)}\s+(?:${heWord(["עבור", "ל"], false)}\s*)?(.+)`,
);

/** A desire whose object is only a next step or a vague "something": no need of its own. */
export const EMPTY_OBJECT = re(
  String.raw`^(?:it|this|that|them|these|those|a decision|to (?:decide|check|talk|discuss|think|know|see|wait|start|begin|meet|schedule|book a call|hear back|get back|be sure|speak|ask|approve|agree|sign|confirm|review|consult)|more (?:info|information|time)|some time|time|your|something|anything|das|es|dies|diese[sn]?|zeit|eine entscheidung|mehr zeit|mehr infos?|etwas|öppis|irgendwas|was|warten|warte|sprechen|telefonieren|wissen|(?:einen |ein |e |en )?(?:termin|rückruf|telefontermin|telefonat|gespräch|beratungstermin)|(?:רק\s+|גם\s+|קודם\s+|עוד\s+)?(?:לדבר|לשמוע|לדעת|לחשוב|לבדוק|לחתום|לשאול|לברר|להתייעץ|להתחיל|להתקדם|להמשיך|לחכות|לקבוע|לתאם|להבין|לראות|לקבל (?:מידע|פרטים|עוד)|זמן|משהו|פרטים))(?![\p{L}])`,
);

/** German puts the verb last: "wir möchten nächsten Monat starten" names a start, not a need. */
export const EMPTY_VERB_LAST = re(
  String.raw`\b(?:starten|beginnen|loslegen|anfangen|afange|telefonieren|sprechen|besprechen|wissen|überlegen|abwarten|treffen|entscheiden|warten|fragen|abklären|klären|melden)\s*[.!?]?$`,
);

/** A commitment to buy names the need by itself: signing, ordering, paying the deposit, booking. */
export const COMMIT = re(
  String.raw`\b(?:go ahead with|proceed with|we'?ll take|we will take|we take|we'?re going with|we are going with|ready to (?:go|sign|order|proceed|book)|let'?s do it|we'?re in(?=\s*(?:[^\p{L}\s]|$))|sign(?:ed)? (?:the |it |tonight|today)|send (?:me |us |over )?the (?:contract|docusign|order form|agreement|invoice|deposit|booking)|(?:contract|agreement) (?:is )?signed|pay (?:the )?deposit|deposit (?:is )?(?:paid|transferred|sent)|bank details for the deposit|bind the policy|place (?:an|the) order|(?:please )?book (?:me|us)\b|book (?:the|an?) (?!call|meeting|demo|chat)\p{L}+|can you beat|beat (?:it|that|this|the price|their price)|we'?d like to (?:book|order|add|upgrade|put in|reserve)|upgrade (?:from|to)|put in an offer|po number|purchase order)\b` +
    String.raw`|\b(?:wir nehmen|ich nehme|mir nämed|mir nähmed|mer nämed|mir nehmed|nehmen (?:es|das angebot|die offerte)|unterschreib\w*|unterschrie\w*|unterschriibe|(?:ein|i)verstande\w* mit (?:de|dem|der|ihrem|ihrer|eurem|eurer) (?:offerte|angebot)|unterzeichne\w*|auftrag (?:erteilen|bestätigen|schicken)|schicken sie (?:den|uns den|mir den) (?:auftrag|vertrag|rahmenvertrag)|vertrag (?:zum unterschreiben|schicken)|anzahlung|azahlig|reservationsazahlig|bestellen|fix (?:reservieren|buchen)|fix\.?$|buchen (?:wir|ich)|wir buchen|ich buche|wie offeriert|laut angebot|angebot passt|offerte passt|grünes licht)\b` +
    String.raw`|${heWord(["סוגרים", "נסגור", "חותמים", "נחתום", "אחתום", "חוזה", "מקדמה", "מזמינים", "נזמין", "אזמין", "הזמנתי", "מאשרים", "מאשר", "מאשרת", "נשמח לסגור", "לסגור איתכם"], false)}`,
);

/**
 * A concrete problem the lead lives with: broken, leaking, failing, overloaded, end of life
 * ("the boiler gave up", "die Therme ist ausgefallen", "הדוד התקלקל").
 */
export const PROBLEM = re(
  String.raw`\b(?:broke(?:n)?(?: down)?|breaking down|breaks down|gave up|given up|stopped working|not working|doesn'?t work|don'?t work|doesn'?t lock|won'?t (?:start|work|lock|close)|leak(?:s|ing|ed|y)?|dripping|flood(?:ed|ing)?|damp|mou?ld|rott(?:en|ing)|crack(?:ed|s)|fogging|falling apart|worn out|end[- ]of[- ]life|outdated|obsolete|crash(?:es|ing)?|keeps? (?:crashing|failing|double|breaking|going off|cutting out)|going (?:off and on|on and off)|cutting out|(?:no ?one|nobody) (?:here )?(?:has|have) (?:the )?time|double[- ]?book\w*|drowning|overflow\w*|outages?|downtime|banging|rattling|noisy|too (?:loud|cold|hot|slow)|freezing|no (?:hot water|heating|heat)|complain\w*|struggl\w*|(?:a |real |big |our |the )(?:pain|headache|nightmare|mess|problem|issue)|chaos|doesn'?t pass|won'?t pass|phone never stops|never stops ringing|not enough (?:space|room|capacity)|too small|outgrown|inefficient|high (?:energy |electricity |heating )?bills|blocked|clogged|cracks?|bills?\b[^.?!]{0,25}\b(?:doubled|tripled|exploded|gone up|through the roof|risen|skyrocketed)|gone through the roof|(?:isdn|support) (?:switch|end)\w*)\b` +
    String.raw`|\b(?:kaputt|defekt|ausgefallen|fällt aus|fallen aus|undicht|tropft|leck\w*|feucht\w*|schimmel\w*|rost\w*|stürzt (?:dauernd |ständig |immer wieder )?ab|abstürz\w*|doppelbuchung\w*|funktioniert nicht(?: mehr)?|geht nicht mehr|geht schief|läuft schief|lauft us|macht'?s nümme|macht'?s nicht mehr lang|zieht (?:es )?überall|es zieht|extrem laut|zu laut|lauter|wird nicht (?:mehr )?(?:richtig )?warm|kein warmwasser|keine heizung|verharzt|pfeift|veraltet|an (?:ihre|seine) grenzen|chaos|(?:stromrechnung|stromkosten|energiekosten|kosten)\b[^.?!]{0,20}\b(?:explodiert|verdoppelt|gestiegen)|nerven|beschwer\w*|probleme? mit|komisch\w* (?:geräusch\w*|grüüsch)|geräusch\w*|grüüsch|vergessen ständig|ständig|reicht nicht (?:mehr|aus)|zu klein|risse|wasserschaden|hohe (?:strom|energie|heiz)?kosten|ineffizient|aus allen nähten|störung\w*|verstopft|rinnt)\b` +
    String.raw`|\b(?:streik\w*|spinnt|spinnen|gibt den geist auf|(?:den )?geist aufgegeben|bleibt (?:\p{L}+ ){0,3}stecken|steckengeblieben|überhitz\w*|heizt nicht|kühlt nicht|startet nicht|springt nicht an|lässt sich nicht (?:mehr )?\p{L}+|macht (?:probleme|zicken|mucken|ärger)|fehlermeldung\w*|ausfäll\w*|ausgfalle|usgfalle|ausgfalln|kaputtgegangen|rohrbruch|\p{L}*schaden|hochwasser|überschwemm\w*|bröckel\w*|verrostet|verschlissen|abgenutzt|in die jahre gekommen|marode|baufällig|\p{L}*bedürftig|abgekündigt|(?:wird|werden) nicht mehr unterstützt|(?:support|wartung|garantie|vertrag)\b[^.?!]{0,20}\b(?:läuft|endet)\w*|zettelwirtschaft|über papier|nicht mehr zeitgemä(?:ss|ß)|kommt es (?:ständig|dauernd|immer wieder) zu|nicht mehr richtig|(?:ständig|dauernd|immer wieder) (?:\p{L}+ )?(?:aus|ab|kaputt|defekt)|tut(?:'s| es)? nicht mehr|goht nümm|gaht nümm|lauft nümm|au(?:ss|ß)er betrieb|umgefallen|umgestürzt|eingestürzt|klemmt|blockiert|lädt ewig|dauert ewig|\p{L}*kosten\b[^.?!]{0,20}\b(?:explodiert|verdoppelt|gestiegen))\b|\b(?:ist|is|isch) (?:total |komplett |ganz |jetzt |leider )?(?:hin|futsch|hinüber|im eimer)(?=\s*[.!,;)]|\s*$)` +
    String.raw`|${heWord(["התקלקל", "התקלקלה", "מקולקל", "מקולקלת", "נשבר", "נשברה", "שבור", "שבורה", "דולף", "דולפת", "נזילה", "נזילות", "רטיבות", "עובש", "תקלה", "תקלות", "קורסת", "קרס", "קרסה", "קורס כל", "קורס לנו", "קורס לי", "קורס שוב", "קורסים כל", "הפסיק", "הפסיקה", "כפולות", "כפילויות", "ישן", "ישנה", "רועש", "רועשת", "מתפרק", "מתפרקת", "תקוע", "תקועה", "התפוצץ", "התפוצצה", "מפספסים", "מאבדים", "העלה", "נתקע", "נתקעה", "נתקעת", "נתקעים", "איטי", "איטית", "נופל", "נופלת", "נופלים", "מטפטף", "מטפטפת", "הצפה", "הוצף", "סדק", "סדקים", "חלודה", "חלוד", "נשרף", "נשרפה", "שורף", "קצר חשמלי", "פריצה", "פרצו", "עושה בעיות", "עושים בעיות", "בעיה", "בעיות", "בלגן", "כאב ראש", "סיוט", "מתלוננים", "מתלונן", "מתלוננת", "תלונות", "עמוסים", "צפוף", "קטן מדי", "קטנה מדי", "מיושן", "מיושנת", "התבלה", "בלוי", "שחוק", "אין מים חמים", "אין חשמל", "אין חימום", "קר בבית", "משגע", "משגעת"], false)}|${heWord("לא", false)}\s+(?:${heWord(["ממש", "כל כך", "מספיק"], false)}\s+)?${heWord(["עובד", "עובדת", "עובדים", "מחמם", "מחממת", "מקרר", "מקררת", "נסגר", "נסגרת", "נדלק", "נדלקת", "מדליק", "נפתח", "נפתחת", "נטען", "מגיב", "מגיבה", "עונים", "עונה", "מספיק", "מספיקה", "מספיקים", "מצליחים", "עומד", "עומדים"], false)}|${heWord(["החשבון", "החשבונות"], false)}[^.?!]{0,25}${heWord(["הוכפל", "הוכפלו", "עלה", "עלו", "קפץ", "קפצו"], false)}`,
);

/**
 * Sizes and counts of what the lead has: a price question with specs is a concrete requirement
 * ("what would 8 windows cost", "Büro mit 240 m²", "35 seats"); without specs it is a price feeler.
 */
export const SPEC = re(
  String.raw`\d[\d'.,]*\s*(?:m²|m2|qm|sqm|sq ?m|sq ?ft|square (?:metres|meters|feet)|kw|kwp|kwh|a\b|amp|seats?|users?|licen[cs]es?|lizenzen|nutzer|employees|staff|mitarbeite\w*|people|personen|persons|guests?|gäst\w*|windows?|fenster|doors?|rooms?|zimmer|trucks?|vans?|transporter|desktops?|laptops?|servers?|pallets?|branches|filialen|sites|locations|standorte|chairs?|stühle|beds?|bedrooms?|units|wohnungen|parteien|members|mitglieder|products|produkte|stück|pcs|x\b|mal pro woche|times a week|per week|pro woche)` +
    String.raw`|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)\s+(?:windows|doors|rooms|bedrooms|floors|sites|locations|chargers|wallboxes|fenster|türen|zimmer|stockwerke|standorte|filialen|transporter)\b|\b\d[\d.,]*[- ]?(?:bed|bedroom|zimmer|room|zi)\b|\b\d[\d.,]*\.?\d*-?zimmer\b` +
    String.raw`|\d[\d'.,]*\s+(?:\p{L}+-)?\p{L}*(?:geräte|anlagen|maschinen|fahrzeuge|autos|räume|zimmern|klassen|arbeitsplätze|plätze|betten|tische|rechner|computer|kameras|türen|tore|heizkörper|leuchten|lampen|module|ladestationen|ladepunkte|wallboxen|stellplätze|büros|praxen|wohneinheiten|einheiten|häuser|gebäude|etagen|lüt|leute|köpfe|fte|angestellte|mitarbeitende|beschäftigte|patienten|schüler\p{L}*|kinder\p{L}*|teilnehme\p{L}*|dachfenster|bäume|laufmeter|lfm|stück|stk)\b` +
    String.raw`|\d[\d.,]*\s*(?:מ"ר|מטר|מ״ר|חדרים|עובדים|משתמשים|רישיונות|איש|אנשים|אורחים|מקומות|חלונות|סניפים|קילוואט|kw)|\d+\s+${heWord(["מזגנים", "מנהלים", "עמדות", "חלונות", "דלתות", "מחשבים", "משרדים", "דירות", "משתתפים", "רכבים", "מכונות", "קומות", "יחידות", "מכשירים", "סוכנים", "מטרים", "מטר", "קוב", "ליטר", "אנשי", "endpoints", "agents", "devices"], false)}|\d+\s?[xX×*]\s?\d+|${heWord(["שני", "שתי", "שלושה", "שלוש", "ארבעה", "ארבע", "חמישה", "חמש", "שישה", "שש", "שבעה", "שבע", "שמונה", "תשעה", "עשרה"], false)}\s+${heWord(["חדרים", "חלונות", "דלתות", "מזגנים", "סניפים", "עובדים", "מחשבים", "קומות", "דירות", "משרדים"], false)}`,
);

/** Asking for a price or a quote. */
export const PRICE = re(
  String.raw`\b(?:how much|what(?:'s| is| would| does| do)?\b[^.?!]{0,25}\b(?:cost|price|charge)|cost(?:s)?|pricing|price|prices|quote|quotation|estimate|ballpark)\b|\b(?:was kostet|was kosten|was würde|was würden|kosten|kostet|preis\w*|choschtet|chostet|offerte|${NOT_RANGE}angebot|kalkulieren|kostenvoranschlag)\b|${heWord(["כמה", "מחיר", "המחיר", "עולה", "עולים", "עלות", "הצעת", "הצעה", "הצעות", "מחירון", "תמחור", "יעלה"], false)}`,
);

/** A follow-up on a quote we already sent ("your price is higher", "Ihre Offerte über …"): the need is concrete. */
export const QUOTE_FOLLOW_UP = re(
  String.raw`\b(?:your|the) (?:quote|quotation|offer|proposal|price|estimate)\b[^.?!]{0,60}\b(?:include|higher|lower|works|flexib|discount|cheaper|more than|too|fine|valid|for)\b|\bre:? your quote\b|\b(?:ihre|eure|die|deine) (?:offerte|angebot|kalkulation)\b[^.?!]{0,60}\b(?:erhalten|übercho|passt|inbegriffen|mehr als|teurer|höher|preis|rabatt)\b|\b(?:ihr|ihre|ihrem|ihren|euer|eure|eurem|das|die|dein|deine|diese|dieses)\s+(?:\p{L}+\s+)?(?:offerte|angebot|kalkulation|kostenvoranschlag)\b[^.?!]{0,40}\b(?:klingt|tönt|gefällt|überzeugt|geprüft|angeschaut|angesehen|durchgesehen|besprochen|vorgelegt|weitergeleitet|liegt (?:uns |mir )?vor|ist angekommen|studiert)\b|\b(?:stelle|stellen|präsentiere|bespreche|prüfe|prüfen)\b[^.?!]{0,25}\b(?:ihr|ihre|euer|eure|das|die|dein|deine)\s+(?:offerte|angebot|kalkulation)\b|\bgeht da (?:noch )?was am preis\b|${heWord(["ההצעה", "הצעתכם"], false)}\s+${heWord(["שלכם", "שלך"], false)}|${heWord(["ההצעה", "הצעתכם", "הצעתך"], false)}[^.?!]{0,40}${heWord(["כוללת", "יקרה", "גבוהה", "מתאימה", "הנחה"], false)}|${heWord(["ההצעה", "הצעת המחיר", "ההצעות"], false)}\s+${heWord(["ששלחתם", "ששלחת", "שקיבלנו", "שקיבלתי", "האחרונה", "שנתתם", "שהצעתם"], false)}|${heWord(["קיבלתי", "קיבלנו", "קראתי", "קראנו", "עברנו על", "ראיתי", "ראינו", "בדקנו", "עברתי על"], false)}\s+(?:${heWord("את", false)}\s+)?${heWord(["ההצעה", "הצעת המחיר", "ההצעות", "הצעתכם"], false)}`,
);

/** General interest or exploring (partial). */
export const INTEREST = re(
  String.raw`\b(?:interested in|interested to|keen on|curious|just (?:curious|wondering|asking|looking|browsing|exploring|researching|comparing|collecting)|exploring|looking into|evaluating|evaluate|comparing|considering|thinking (?:about|of)|toying with|on our radar|nice[- ]to[- ]have|someday|collecting (?:ideas|quotes|offers)|gather(?:ing)? (?:info|information|quotes)|find(?:ing)? out|research(?:ing)?|want to (?:hear|know|learn) more|hear more|learn more|more (?:info|information|details)|send (?:me |us )?(?:some |more )?(?:info|information|details|a brochure|the brochure|brochure|a datasheet|material|examples)|brochure|datasheet|a demo|free trial|free tier|pro bono|might need|may need|could use|sounds interesting|options|evaluation|deciding between|choosing between|shortlist\w*|your deck|how long does)\b` +
    String.raw`|\b(?:interessiere\w* (?:mich|uns)|interessiert an|interesse an|interessant|spannend|tönt (?:gut|spannend|interessant)|klingt (?:gut|interessant|spannend)|überlegen|überlege|dänked|denken (?:über|an)|informieren|umschauen|umsehen|recherchier\w*|vergleich\w*|sammeln|sammle|unterlagen|infos?|informationen|prospekt|broschüre|datenblatt|newsletter|demo|probetraining|gedankenspiel|irgendwann|eventuell|vielleicht|vllt|vilicht|mehr erfahren|nur zur information|am anfang|prüfen|verschiedene (?:lösungen|anbieter|angebote)|wie lange dauert)\b` +
    String.raw`|\b(?:unverbindlich\w*|richtpreis\w*|preisrahmen|erkundig\w*|umhören|orientier\w*|sondier\w*|anschauen|schauen (?:uns|mich)\b[^.?!]{0,40}\ban|gedanken machen|mit dem gedanken|liebäugeln|in erwägung|nachdenken|nachzudenken|denken\b[^.?!]{0,40}\bnach|überlegt|überleged|überlegged|dänke|interessehalber|aus interesse|neugierig|vorfühlen|abtasten|ideen|anregungen|überblick|möglichkeiten|alternativen|vergleichsangebot\w*|angebote einholen|offerten einholen|infos? einholen|noch unsicher|unschlüssig)\b` +
    String.raw`|${heWord(["מתעניין", "מתעניינת", "מתעניינים", "מעוניין", "מעוניינת", "מעוניינים", "בודק", "בודקת", "בודקים", "שוקל", "שוקלת", "שוקלים", "חושבים", "חושב", "חושבת", "מידע", "פרטים", "חוברת", "קטלוג", "הדגמה", "אולי", "סקרן", "סקרנית", "סקר"], false)}|${heWord(["לשמוע", "לדעת", "לשאול", "לברר", "להתייעץ", "לבדוק", "להבין"], false)}\s+${heWord(["על", "עוד", "כמה", "אם", "לגבי", "בקשר", "מה", "עם", "איך"], false)}|${heWord("מה", false)}\s+${heWord("ההבדל", false)}` +
    // by category: a demo or price list, comparing or collecting offers, an early planning stage
    String.raw`|${heWord(["דמו", "מחירון", "חבילות", "האפשרויות", "אפשרויות", "אוספים", "אוסף", "אוספת", "משווים", "משווה", "השוואה", "מתלבטים", "מתלבט", "מתלבטת", "מבררים", "מברר", "מבררת", "בירור", "התעניינות", "להתעניין", "נשקול", "נחשוב על זה", "בשלב התכנון", "בשלב ראשוני", "בשלב מוקדם", "בתכנון"], false)}|${heWord(["בקשר ל", "בנוגע ל"])}|${heWord("מה", false)}\s+${heWord("זה", false)}\s+${heWord(["בדיוק", "אומר", "כולל"], false)}|${heWord("איך", false)}\s+(?:${heWord("זה", false)}\s+)?${heWord(["עובד", "עובדת", "עובדים"], false)}`,
);

/** Asking whether we do something ("do you also clean windows?", "Haben Sie Erfahrung mit …"): an interest. */
export const CAPABILITY = re(
  String.raw`\b(?:whether|if|ob) (?:you|your|ihr|sie|eure?)\b(?! \p{L}+ (?:based|located))|\b(?:do you (?:also |even )?(?:offer|do|have|install|support|clean|sell|provide|work)|does (?:it|your \p{L}+) support|is there (?:a|an|any)|do u|still valid|opening hours)\b|\b(?:haben sie|habt ihr|händ ihr|hend ihr|macht ihr|mached ihr|machet ihr|bieten sie|bietet ihr|machen sie|führen sie|installieren sie|chönd ihr|chönnt ihr|gibt es(?! sie| euch| ihr)|gibt's(?! euch)|gits|git's|git es|kann man bei (?:euch|ihnen)|unterstützt|hat eure|hat ihre)\b(?=[^.!]*\?)|${heWord(["האם", "יש"], false)}\s+${heWord(["לכם", "אצלכם", "התחייבות"], false)}|${heWord("אם", false)}\s+${heWord(["אתם", "אתן"], false)}|${heWord(["אתם", "את", "אתה"], false)}\s+(?:${heWord("גם", false)}\s+)?${heWord(["עושים", "עושה", "מציעים", "מוכרים", "מתקינים", "עובדים", "נותנים", "מספקים", "מטפלים", "מגיעים", "מבצעים", "משרתים"], false)}|${heWord(["יש", "האם יש", "קיימת", "קיים"], false)}\s+${heWord(["אפשרות", "אופציה"], false)}|\b${RANGE_DE}|\b(?:on offer|in your (?:range|portfolio|catalogue|catalog)|what (?:else )?(?:do |can |would )?(?:you|u) (?:offer|sell|provide)|what (?:do )?(?:you|u) have on offer)\b`,
);

/** Hedges turn a stated requirement into an interest ("we'll probably need it sometime", "brauchen vielleicht irgendwann"). */
export const HEDGED = re(
  String.raw`\b(?:maybe|perhaps|probably|possibly|might|in theory|vielleicht|vllt|vilicht|eventuell|wahrscheinlich|möglicherweise|allenfalls|theoretisch)\b|${heWord(["אולי", "תיאורטית", "מתישהו", "כנראה", "יום אחד", "לא בטוח", "לא בטוחה", "לא בטוחים", "בעתיד"], false)}`,
);

/**
 * A German project noun with a plan or obligation: "die Sanierung unseres Bades ist nach Ostern geplant",
 * "die Einführung der Zeiterfassung müssen wir verschieben". Group 1 is the project.
 */
export const PROJECT = re(
  String.raw`\b((?:\p{L}+)?(?:sanierung|erneuerung|modernisierung|umstellung|einführung|installation|montage|anschaffung|beschaffung|renovierung|umrüstung|dämmung|reparatur|instandsetzung|austausch|tausch|ersatz|umbau|ausbau|neubau|digitalisierung|migration|erweiterung)(?:\s+(?:des|der|von|vom|unserer|unseres|unseren|auf|eines|einer|für)\s+[^.?!,;]{3,60})?)\b`,
);
/** A project said not to be planned ("ist nicht vor 2029 vorgesehen", "nicht mehr geplant"): no need. */
export const NOT_PLANNED = re(
  String.raw`\b(?:nicht|kein\w*|nöd|nid)\s+(?:(?:vor|bis) \d{4}\s+|in den nächsten jahren\s+|\p{L}+\s+)?(?:geplant|vorgesehen)\b`,
);
export const PLANNED = re(
  String.raw`\b(?:geplant|vorgesehen|steht an|stehen an|steht\b[^.?!]{0,40}\ban(?=\s*[,.;!?]|\s*$)|ansteht|anstehen|fällig|nötig|notwendig|erforderlich|unumgänglich|muss|müssen|müsste|müssten|soll|sollen|sollte|sollten|umsetzen|realisieren|angehen|durchführen|beauftragen|verschieben|verschoben|starten|beginnen|planen|wird|werden)\b`,
);

/** No money for a named thing ("kein Geld für eine neue Küche", "für eine Wärmepumpe fehlt uns das Geld"): wanted, not affordable (partial). */
export const NO_MONEY_FOR = re(
  String.raw`\b(?:kein\w*|kei|keis|weder|fehlt\w*|nicht genug|zu wenig)\b[^.?!]{0,25}\b(?:geld|gäld|budget|mittel)\b[^.?!]{0,20}?\b(?:für|fürs)\s+((?!so ?(?:was|etwas|öppis)\b|das\b|dies\w*\b)[^.?!,;]{3,60})` +
    String.raw`|\b(?:für|fürs)\s+((?!das\b|dies\w*\b|so\b)(?:eine?n?|die|den|das|d|e|en|unsere?n?)\s+[^.?!,;]{3,50}?)\s+(?:fehlt|fehlen|ist|sind|hämmer|haben wir|händ mir)\b[^.?!]{0,30}?\b(?:kein\w*|kei|weder|nicht|nöd|nid)\b[^.?!]{0,20}\b(?:geld|gäld|budget|mittel)\b` +
    String.raw`|\b(?:für|fürs)\s+((?!das\b|dies\w*\b|so\b)(?:eine?n?|die|den|das|d|e|en|unsere?n?)\s+[^.?!,;]{3,50}?)\s+(?:fehlt|fehlen) (?:uns |mir |eus )?(?:\p{L}+ ){0,3}(?:das |die )?(?:geld|gäld|budget|mittel)\b`,
);

/** A postponement or "no rush" without a project named: the wish is still there, not concrete (partial). */
export const DEFERRED = re(
  String.raw`\b(?:verschieben|verschoben|vertagen|vertagt|zurückstellen|zurückgestellt|auf eis|auf später|(?:keine|kei) eile|melden sie sich\b[^.?!]{0,30}\b(?:nochmal|wieder)|kein(?:en)? (?:zeit)?druck|kein stress|kei stress|eilt nicht|eilt nöd|pressiert nicht|pressiert nöd)\b`,
);

/** Someone else wants it ("my wife wants a heat pump", "mein Chef möchte"): an interest at most. */
export const OTHER_SUBJECT = re(
  String.raw`^(?:he|she|they|my (?:wife|husband|partner|dad|father|mum|mom|mother|son|daughter|brother|sister|neighbou?r|friend|boss|brother-in-law|sister-in-law)|meine? (?:frau|mann|partner\w*|vater|mutter|sohn|tochter|bruder|schwester|nachbar\w*|chef\w*)|er)\b`,
);
