import { heWord, re } from "./rx";

/**
 * The words people use for each need status, in English, German (with Swiss spellings) and Hebrew
 * (prefix-tolerant via `heWord`). They are categories of expression, not sentences from a corpus:
 * a new phrasing should land in one of them. `need.ts` decides with them, clause by clause.
 */

/** Opt-outs: whatever else the message says, the lead wants no contact. */
export const OPT_OUT = re(
  String.raw`^\s*(?:stop|unsubscribe|stopp|abmelden)\b|\bunsubscribe\b|\b(?:remove|take) (?:me|us|my (?:number|address|details|email))\b[^.?!]{0,30}\b(?:list|database|off)\b|(?:^|\b(?:please|pls|just|and)\s+|[,:!]\s*)stop (?:emailing|calling|texting|contacting|messaging|sending)\b|\bdo not (?:contact|call|email)\b|\bdon'?t (?:contact|call|email) (?:me|us)\b` +
    String.raw`|\b(?:löschen sie|bitte löschen|entfernen sie)\b|\b(?:nehmen sie|streichen sie) (?:mich|uns)\b[^.?!]{0,20}\b(?:liste|verteiler)\b|\bvon (?:der|ihrer) liste\b|\baus ihrem verteiler\b|\bkei(?:ne)? (?:anrufe|werbung|e-?mails?|mails?|sms|nachrichten|post) (?:mehr|meh)\b|\bwiderspreche\b|\bwerbewiderspruch\b` +
    String.raw`|${heWord(["הסירו", "הסר", "להסיר", "תסירו"], false)}|${heWord(["תפסיקו", "להפסיק"], false)}\s+${heWord(["לשלוח", "להתקשר", "לפנות"], false)}|${heWord("אל")}\s+${heWord(["תתקשרו", "תפנו", "תשלחו"], false)}`,
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
    String.raw`|${heWord(["אין"], false)}\s+(?:(?:לי|לנו)\s+)?${heWord(["צורך", "עניין"], false)}|${heWord("לא")}\s+${heWord(["צריך", "צריכה", "צריכים", "נצטרך"], false)}|${heWord(["החלטנו", "החלטתי"], false)}\s+(?:${heWord(["לא", "לוותר", "שלא"], false)}|${heWord(["ללכת", "לעבוד", "לסגור"], false)}\s+${heWord(["עם"], false)}\s+${heWord(["חברה", "ספק", "מישהו"])}\s+${heWord(["אחר", "אחרת"])})|${heWord(["כבר"], false)}\s+${heWord(["קנינו", "קניתי", "התקנו", "התקנתי", "הזמנו", "הזמנתי", "סגרנו", "סגרתי", "בחרנו", "בחרתי", "מצאנו", "מצאתי", "יש"], false)}|${heWord(["ירדנו", "ירדתי"], false)}\s+${heWord("מה")}|${heWord(["עוברים", "עוברת", "עובר", "עברנו"], false)}\s+(?:${heWord(["דירה", "לגור", "לחו"])})|${heWord(["מבטלים", "ביטלנו", "הסתדרנו", "סידרנו"], false)}|^\s*לא תודה|${heWord(["תורידו", "הורידו", "תוציאו", "הוציאו"], false)}\s+${heWord("אותי", false)}|${heWord(["ללכת", "לעבוד", "לסגור"], false)}\s+${heWord("עם", false)}\s+${heWord(["חברה", "ספק"])}\s+${heWord(["אחר", "אחרת"])}|${heWord("לא", false)}\s+${heWord(["ממשיכים", "נמשיך"], false)}|${heWord("לא", false)}\s+${heWord(["נתקין", "נקנה", "נזמין", "נעשה"], false)}\s+${heWord(["כלום", "שום"], false)}|${heWord(["עוזבים", "עוזב", "עוזבת"], false)}\s+${heWord("את", false)}\s+${heWord("הארץ", false)}|${heWord("הוחלט", false)}[^.?!]{0,40}${heWord("לא", false)}|${heWord(["מרוצים", "מרוצה"], false)}\s+${heWord(["מהספק", "מהחברה"])}|${heWord(["פשיטת", "חדלות"], false)}`,
);

/** Disqualifying cues that only speak about now ("not interested at the moment"). */
export const SOFT = re(
  String.raw`\b(?:at the moment|right now|currently|for now|at this stage|this year|aktuell|derzeit|zurzeit|momentan|im moment|grad|gerade|dieses jahr|vorerst)\b|${heWord(["כרגע", "בינתיים", "השנה", "עכשיו"], false)}`,
);

/**
 * A requirement: a desire verb with something behind it ("we need 6 wallboxes", "wir suchen eine
 * Küche", "mir bruuched e neui Software", "אנחנו מחפשים מערכת"). Group 1 is the object.
 */
export const REQUIRE = re(
  String.raw`\b(?:we|i|they|he|she|and|(?:our|the|my) \p{L}+(?: \p{L}+)?)(?:\s+|(?='))(?:really |urgently |definitely |also |still |now |just |do |would |'d )?(?:need|needs|require|requires|are requiring|want|wants|would like|'d like|are looking (?:for|to)|'re looking (?:for|to)|am looking (?:for|to)|'m looking (?:for|to)|plan to|are planning(?: to)?|'re planning(?: to)?|intend to|wish to|have to (?:replace|repair|fix|renew|get)|must (?:replace|repair|fix|renew|get))\s+(.+)` +
    String.raw`|\b(?:looking for|in need of|searching for|request(?:ing)? (?:a )?(?:quote|quotation|offer|proposal) for|(?<!(?:your|ur|the|ihr|eure?) )(?:quotes?|quotations?|offers?|proposals?|valuation|survey) for|(?:quote|price) (?:me |us )?for|we'?d love|i'?d love)\s+(.+)` +
    String.raw`|\b(?:wir|ich|i|er|sie|mir|mer|und|unser\p{L}* \p{L}+)\s+(?:brauchen|braucht|brauche|brauch|bruuched|bruuche|bruchet|benötigen|benötigt|benötige|suchen|sucht|suche|möchten|möchte|möchted|wollen|will|wänd|wend|planen|plane|bräuchten|hätten gerne|hätte gern|hätte gerne|müssen|muss|müend)\s+(?:(?:dringend|eigentlich|auch|noch|jetzt|gerne|gern|unbedingt|zwingend|ab sofort|bald|mal|nur|bis \p{L}+)\s+)*(.+)` +
    String.raw`|\b(?:brauchen|benötigen|suchen|möchten|wollen|planen|bräuchten|bruuche|bruuched)\s+(?:wir|ich|mir|mer)\s+(?!nicht\b|kein)(?:(?:dringend|eigentlich|auch|noch|jetzt|gerne|unbedingt|zwingend|ab sofort|nur)\s+)*(.+)` +
    String.raw`|\b(?:wir|ich|mir|mer) (?:würden|würde|hätten|hätte)\s+(.{3,80}?)\s+gerne?\b|\b(?:würden|würde) (?:wir|mir|mer|ich)\b[^.?!]{0,60}\b(\p{L}+(?:en|e))(?=[^\p{L}\d]*$)|\bwe'?d (?:do|replace|redo|install|renovate|go for|get|buy)\s+(.+)|^(?:want|need|wanting|needing|looking for|after)\s+(.+)` +
    String.raw`|\b(?:die|der|das|den|our|the|unsere?n?|d|s)\s+([\p{L}-]+(?:\s+(?:für|for|of)\s+[^.?!,]{3,40}?)?)\s+(?:muss|müssen|muess|soll|sollte|sött|needs? to be|has to be|have to be|must be|should be)\b[^.?!]{0,40}\b(?:abgeschlossen|fertig|erledigt|installiert|umgesetzt|passieren|erfolgen|stattfinden|laufen|done|finished|installed|live|in place|running|ready|set up|completed)\b` +
    String.raw`|\b(?:bitte um|bitten um|bitten sie um|wir bitten um) (?:ein(?:e|en)? )?(?:angebot|offerte|kostenvoranschlag|unterlagen und ein angebot)\s*(.*)|\b\p{L}*(?:angebot|angebote|offerte|offerten|kostenvoranschlag)\s+für\s+(.+)|\bes geht um\s+(.+)|\bbedarf an\s+(.+)` +
    String.raw`|${heWord(["צריך", "צריכה", "צריכים", "זקוק", "זקוקה", "זקוקים", "מחפש", "מחפשת", "מחפשים", "רוצה", "רוצים", "רציתי", "רצינו", "חייבים", "חייב", "מבקש", "מבקשת", "מבקשים", "מתכננים", "מתכנן", "מתכננת", "מוכנים להשקיע", "מוכן להשקיע", "נצטרך", "נרצה", "מדובר"], false)}\s+(.+)|${heWord(["הצעת"], false)}\s+${heWord("מחיר", false)}\s+(?:${heWord(["עבור", "ל"], false)}\s*)?(.+)`,
);

/** A desire whose object is only a next step or a vague "something": no need of its own. */
export const EMPTY_OBJECT = re(
  String.raw`^(?:it|this|that|them|these|those|a decision|to (?:decide|check|talk|discuss|think|know|see|wait|start|begin|meet|schedule|book a call|hear back|get back|be sure|speak|ask|approve|agree|sign|confirm|review|consult)|more (?:info|information|time)|some time|time|your|something|anything|das|es|dies|diese[sn]?|zeit|eine entscheidung|mehr zeit|mehr infos?|etwas|öppis|irgendwas|was|warten|warte|sprechen|telefonieren|wissen|לדבר|לשמוע|לדעת|לחשוב|לבדוק|לחתום|לשאול|זמן|משהו|פרטים)(?![\p{L}])`,
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
    String.raw`|${heWord(["התקלקל", "התקלקלה", "מקולקל", "מקולקלת", "נשבר", "נשברה", "שבור", "שבורה", "דולף", "דולפת", "נזילה", "נזילות", "רטיבות", "עובש", "תקלה", "תקלות", "קורס", "קורסת", "הפסיק", "הפסיקה", "כפולות", "כפילויות", "ישן", "ישנה", "רועש", "רועשת", "מתפרק", "מתפרקת", "תקוע", "תקועה", "התפוצץ", "התפוצצה", "מפספסים", "מאבדים", "העלה", "נתקע", "נתקעה"], false)}|${heWord("לא", false)}\s+${heWord(["עובד", "עובדת", "עובדים", "מחמם", "נסגר", "נסגרת"], false)}|${heWord(["החשבון", "החשבונות"], false)}[^.?!]{0,25}${heWord(["הוכפל", "הוכפלו", "עלה", "עלו", "קפץ", "קפצו"], false)}`,
);

/**
 * Sizes and counts of what the lead has: a price question with specs is a concrete requirement
 * ("what would 8 windows cost", "Büro mit 240 m²", "35 seats"); without specs it is a price feeler.
 */
export const SPEC = re(
  String.raw`\d[\d'.,]*\s*(?:m²|m2|qm|sqm|sq ?m|sq ?ft|square (?:metres|meters|feet)|kw|kwp|kwh|a\b|amp|seats?|users?|licen[cs]es?|lizenzen|nutzer|employees|staff|mitarbeite\w*|people|personen|persons|guests?|gäst\w*|windows?|fenster|doors?|rooms?|zimmer|trucks?|vans?|transporter|desktops?|laptops?|servers?|pallets?|branches|filialen|sites|locations|standorte|chairs?|stühle|beds?|bedrooms?|units|wohnungen|parteien|members|mitglieder|products|produkte|stück|pcs|x\b|mal pro woche|times a week|per week|pro woche)` +
    String.raw`|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn)\s+(?:windows|doors|rooms|bedrooms|floors|sites|locations|chargers|wallboxes|fenster|türen|zimmer|stockwerke|standorte|filialen|transporter)\b|\b\d[\d.,]*[- ]?(?:bed|bedroom|zimmer|room|zi)\b|\b\d[\d.,]*\.?\d*-?zimmer\b` +
    String.raw`|\d[\d.,]*\s*(?:מ"ר|מטר|מ״ר|חדרים|עובדים|משתמשים|רישיונות|איש|אנשים|אורחים|מקומות|חלונות|סניפים|קילוואט|kw)|\d+\s+${heWord(["מזגנים", "מנהלים", "עמדות", "חלונות", "דלתות", "מחשבים", "משרדים", "דירות", "משתתפים", "רכבים", "מכונות"], false)}`,
);

/** Asking for a price or a quote. */
export const PRICE = re(
  String.raw`\b(?:how much|what(?:'s| is| would| does| do)?\b[^.?!]{0,25}\b(?:cost|price|charge)|cost(?:s)?|pricing|price|prices|quote|quotation|estimate|ballpark)\b|\b(?:was kostet|was kosten|was würde|was würden|kosten|kostet|preis\w*|choschtet|chostet|offerte|angebot|kalkulieren|kostenvoranschlag)\b|${heWord(["כמה", "מחיר", "המחיר", "עולה", "עולים", "עלות", "הצעת"], false)}`,
);

/** A follow-up on a quote we already sent ("your price is higher", "Ihre Offerte über …"): the need is concrete. */
export const QUOTE_FOLLOW_UP = re(
  String.raw`\b(?:your|the) (?:quote|quotation|offer|proposal|price|estimate)\b[^.?!]{0,60}\b(?:include|higher|lower|works|flexib|discount|cheaper|more than|too|fine|valid|for)\b|\bre:? your quote\b|\b(?:ihre|eure|die|deine) (?:offerte|angebot|kalkulation)\b[^.?!]{0,60}\b(?:erhalten|übercho|passt|inbegriffen|mehr als|teurer|höher|preis|rabatt)\b|\bgeht da (?:noch )?was am preis\b|${heWord(["ההצעה", "הצעתכם"], false)}\s+${heWord(["שלכם", "שלך"], false)}|${heWord(["ההצעה", "הצעתכם", "הצעתך"], false)}[^.?!]{0,40}${heWord(["כוללת", "יקרה", "גבוהה", "מתאימה", "הנחה"], false)}`,
);

/** General interest or exploring (partial). */
export const INTEREST = re(
  String.raw`\b(?:interested in|interested to|keen on|curious|just (?:curious|wondering|asking|looking|browsing|exploring|researching|comparing|collecting)|exploring|looking into|evaluating|evaluate|comparing|considering|thinking (?:about|of)|toying with|on our radar|nice[- ]to[- ]have|someday|collecting (?:ideas|quotes|offers)|gather(?:ing)? (?:info|information|quotes)|find(?:ing)? out|research(?:ing)?|want to (?:hear|know|learn) more|hear more|learn more|more (?:info|information|details)|send (?:me |us )?(?:some |more )?(?:info|information|details|a brochure|the brochure|brochure|a datasheet|material|examples)|brochure|datasheet|a demo|free trial|free tier|pro bono|might need|may need|could use|sounds interesting|options|evaluation|deciding between|choosing between|shortlist\w*|your deck|how long does)\b` +
    String.raw`|\b(?:interessiere\w* (?:mich|uns)|interessiert an|interesse an|interessant|spannend|tönt (?:gut|spannend|interessant)|klingt (?:gut|interessant|spannend)|überlegen|überlege|dänked|denken (?:über|an)|informieren|umschauen|umsehen|recherchier\w*|vergleich\w*|sammeln|sammle|unterlagen|infos?|informationen|prospekt|broschüre|datenblatt|newsletter|demo|probetraining|gedankenspiel|irgendwann|eventuell|vielleicht|vllt|vilicht|mehr erfahren|nur zur information|am anfang|prüfen|verschiedene (?:lösungen|anbieter|angebote)|wie lange dauert)\b` +
    String.raw`|${heWord(["מתעניין", "מתעניינת", "מתעניינים", "מעוניין", "מעוניינת", "מעוניינים", "בודק", "בודקת", "בודקים", "שוקל", "שוקלת", "שוקלים", "חושבים", "חושב", "חושבת", "מידע", "פרטים", "חוברת", "קטלוג", "הדגמה", "אולי", "סקרן", "סקרנית", "סקר"], false)}|${heWord(["לשמוע", "לדעת"], false)}\s+${heWord(["על", "עוד", "כמה", "אם"], false)}|${heWord("מה", false)}\s+${heWord("ההבדל", false)}`,
);

/** Asking whether we do something ("do you also clean windows?", "Haben Sie Erfahrung mit …"): an interest. */
export const CAPABILITY = re(
  String.raw`\b(?:whether|if|ob) (?:you|your|ihr|sie|eure?)\b(?! \p{L}+ (?:based|located))|\b(?:do you (?:also |even )?(?:offer|do|have|install|support|clean|sell|provide|work)|does (?:it|your \p{L}+) support|is there (?:a|an|any)|do u|still valid|opening hours)\b|\b(?:haben sie|habt ihr|händ ihr|macht ihr|bieten sie|gibt es(?! sie| euch| ihr)|gibt's(?! euch)|unterstützt|hat eure|hat ihre)\b(?=[^.!]*\?)|${heWord(["האם", "יש"], false)}\s+${heWord(["לכם", "אצלכם", "התחייבות"], false)}|${heWord("אם", false)}\s+${heWord(["אתם", "אתן"], false)}`,
);

/** Hedges turn a stated requirement into an interest ("we'll probably need it sometime", "brauchen vielleicht irgendwann"). */
export const HEDGED = re(
  String.raw`\b(?:maybe|perhaps|probably|possibly|might|in theory|vielleicht|vllt|vilicht|eventuell|wahrscheinlich|möglicherweise|allenfalls|theoretisch)\b|${heWord(["אולי", "תיאורטית"], false)}`,
);

/** Someone else wants it ("my wife wants a heat pump", "mein Chef möchte"): an interest at most. */
export const OTHER_SUBJECT = re(
  String.raw`^(?:he|she|they|my (?:wife|husband|partner|dad|father|mum|mom|mother|son|daughter|brother|sister|neighbou?r|friend|boss|brother-in-law|sister-in-law)|meine? (?:frau|mann|partner\w*|vater|mutter|sohn|tochter|bruder|schwester|nachbar\w*|chef\w*)|er)\b`,
);
