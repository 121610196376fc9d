/**
 * A service principal: a client id and a hashed secret that belong to a workspace, which Azure
 * SDK clients trade for access tokens (client credentials). The secret itself is never stored.
 */
export interface ServicePrincipalRecord {
  /** A GUID, as Entra's application ids are; `AZURE_CLIENT_ID`. */
  clientId: string;
  workspace: string;
  /** Unique in its workspace. */
  name: string;
  /** The secret's hash with its parameters (`scrypt$...`), compared by the token service. */
  secretHash: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
}

/**
 * Service principals by client id. Implementations: `KyselyServicePrincipalStore`; all pass
 * `describeServicePrincipalStore` from `@lathe/testing`.
 */
export interface ServicePrincipalStore {
  /**
   * Records a new principal. Throws `LATHE_NOT_FOUND` when the workspace does not exist and
   * `LATHE_CONFLICT` when its name or client id is taken.
   */
  createServicePrincipal(record: ServicePrincipalRecord): Promise<ServicePrincipalRecord>;
  /** The principal, or `undefined`. */
  getServicePrincipal(clientId: string): Promise<ServicePrincipalRecord | undefined>;
  /** A workspace's principals, by name. */
  listServicePrincipals(workspace: string): Promise<ServicePrincipalRecord[]>;
  /** Deletes the principal of that workspace; false when there was none. Its tokens stop working. */
  deleteServicePrincipal(workspace: string, clientId: string): Promise<boolean>;
}
