/** Storage keys: always below the owning organization's id, so no key is shared between tenants. */
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const KEY = new RegExp(`^${UUID}/[a-z-]{1,40}/[A-Za-z0-9_-]{1,100}$`);

export const orgKey = (orgId: string, kind: string, id: string) => `${orgId}/${kind}/${id}`;

/** Whether `key` is one Kiln makes: nothing else (`..`, absolute paths, odd characters) ever reaches a store. */
export const isStorageKey = (key: string) => KEY.test(key);

/** The organization a key belongs to. */
export const orgOfKey = (key: string) => key.slice(0, 36);
