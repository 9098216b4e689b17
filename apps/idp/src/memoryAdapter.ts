import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds after which the entry is dropped, or Infinity. */
  expiresAt: number;
}

/**
 * Storage for one provider instance. oidc-provider's built-in development adapter keeps a single
 * process-wide store capped at 1,000 entries; a store per `startIdp` keeps test instances apart
 * and never evicts live tokens under load.
 */
export class InstanceStore {
  readonly #entries = new Map<string, Entry>();
  /** grantId -> keys of the tokens issued under that grant. */
  readonly #grants = new Map<string, Set<string>>();

  get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: AdapterPayload, expiresInSeconds: number | undefined): void {
    // Keep expired tokens a minute longer so oidc-provider can answer "expired" rather than "not found".
    const expiresAt = expiresInSeconds === undefined ? Infinity : Date.now() + (expiresInSeconds + 60) * 1000;
    this.#entries.set(key, { payload, expiresAt });
    if (payload.grantId !== undefined) {
      const members = this.#grants.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.#grants.set(payload.grantId, members);
    }
  }

  delete(key: string): void {
    const entry = this.#entries.get(key);
    this.#entries.delete(key);
    const grantId = entry?.payload.grantId;
    if (grantId !== undefined) {
      const members = this.#grants.get(grantId);
      members?.delete(key);
      if (members?.size === 0) this.#grants.delete(grantId);
    }
  }

  /** Deletes every token issued under a grant (what revoking a refresh token or reusing a rotated one does). */
  revokeGrant(grantId: string): void {
    for (const key of this.#grants.get(grantId) ?? []) this.#entries.delete(key);
    this.#grants.delete(grantId);
  }
}

/**
 * Returns an oidc-provider adapter class bound to `store`. oidc-provider instantiates it once per
 * model name (AccessToken, RefreshToken, Grant, ...).
 */
export function memoryAdapter(store: InstanceStore): new (model: string) => Adapter {
  return class MemoryAdapter implements Adapter {
    readonly #model: string;

    constructor(model: string) {
      this.#model = model;
    }

    #key(id: string): string {
      return `${this.#model}:${id}`;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      store.set(this.#key(id), payload, expiresIn);
      // Secondary indexes for sessions and device codes (unused by the password grant, kept for completeness).
      if (typeof payload.uid === 'string') store.set(`${this.#model}:uid:${payload.uid}`, payload, expiresIn);
      if (typeof payload.userCode === 'string') {
        store.set(`${this.#model}:userCode:${payload.userCode}`, payload, expiresIn);
      }
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return store.get(this.#key(id));
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return store.get(`${this.#model}:uid:${uid}`);
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return store.get(`${this.#model}:userCode:${userCode}`);
    }

    async consume(id: string): Promise<void> {
      const payload = store.get(this.#key(id));
      if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      store.delete(this.#key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      store.revokeGrant(grantId);
    }
  };
}
