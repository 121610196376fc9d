import type { Readable } from 'node:stream';

/** A stored blob: content address and size in bytes. */
export interface BlobInfo {
  sha256: string;
  size: number;
}

/** One file of a job output. `path` uses `/` and is relative to the output's root. */
export interface OutputFile {
  path: string;
  size: number;
}

/** One entry of a folder listing: a name inside the folder, not a path. */
export interface FolderEntry {
  name: string;
  isDir: boolean;
  /** Bytes, for files. */
  size?: number;
}

/** Identifies a job's files. */
export interface JobRef {
  workspace: string;
  job: string;
}

/**
 * Bytes that are not metadata: content-addressed blobs (code snapshots, uploaded inputs) and each
 * job's files (its log and its outputs). Everything streams; nothing is held whole in memory.
 * Every path a caller passes is confined to its root (`LATHE_PATH_ESCAPE` otherwise).
 * `LocalArtifactStore` keeps files under a folder; an S3 store can implement the same contract.
 */
export interface ArtifactStore {
  /**
   * Stores a blob from a stream. When `expectedSha256` is given and the content hashes to
   * something else, nothing is kept and `LATHE_CHECKSUM_MISMATCH` is thrown. Storing content that
   * exists already is a no-op (`existed: true`).
   */
  putBlob(content: Readable, expectedSha256?: string): Promise<BlobInfo & { existed: boolean }>;
  /** The blob's info, or `undefined`. */
  statBlob(sha256: string): Promise<BlobInfo | undefined>;
  /** A stream of the blob. Throws `LATHE_NOT_FOUND`. */
  openBlob(sha256: string): Promise<Readable>;

  /**
   * Appends `chunk` to the job's log when `offset` equals the log's current size, so a retried
   * append is harmless. Returns the size after the call; a stale offset writes nothing.
   */
  appendLog(ref: JobRef, offset: number, chunk: Buffer): Promise<number>;
  /** The log's size in bytes (0 when absent). */
  logSize(ref: JobRef): Promise<number>;
  /** A stream of the log from byte `start` to `end` (exclusive; default: its current end). */
  openLog(ref: JobRef, start: number, end?: number): Promise<Readable>;

  /** Replaces an output's files with the contents of a tar stream (gzip allowed). */
  writeOutputArchive(ref: JobRef, output: string, archive: Readable): Promise<OutputFile[]>;
  /** Names of outputs with stored files. */
  listOutputs(ref: JobRef): Promise<string[]>;
  /** Files of an output, sorted by path. Throws `LATHE_NOT_FOUND` for a missing output. */
  listOutputFiles(ref: JobRef, output: string): Promise<OutputFile[]>;
  /** A stream of one output file. Throws `LATHE_NOT_FOUND`. */
  openOutputFile(ref: JobRef, output: string, path: string): Promise<Readable>;
  /** A gzipped tar stream of a whole output. Throws `LATHE_NOT_FOUND`. */
  packOutput(ref: JobRef, output: string): Promise<Readable>;

  /** One level of an output's folder (`path` relative to the output). Empty when missing. */
  listOutputFolder(ref: JobRef, output: string, path: string): Promise<FolderEntry[]>;
  /** Whether `path` in an output is a file, a folder or absent. */
  statOutputPath(ref: JobRef, output: string, path: string): Promise<FolderEntry | undefined>;

  /**
   * Tracking artifacts: the files behind a workspace's `mlflow-artifacts:/<path>` URIs (run and
   * logged-model artifacts). Writes go to a temporary file renamed into place, so a reader never
   * sees half a file; replacing a file is allowed (MLflow's proxy allows it).
   */
  putTrackingFile(workspace: string, path: string, content: Readable): Promise<{ size: number }>;
  /** A stream of one tracking file. Throws `LATHE_NOT_FOUND`. */
  openTrackingFile(workspace: string, path: string): Promise<Readable>;
  /** Whether `path` is a file, a folder or absent. */
  statTrackingPath(workspace: string, path: string): Promise<FolderEntry | undefined>;
  /** One level of a tracking folder. Empty when missing. */
  listTrackingFolder(workspace: string, path: string): Promise<FolderEntry[]>;
  /** Removes a file or folder; missing is fine. */
  deleteTrackingPath(workspace: string, path: string): Promise<void>;
  /**
   * Unpacks a blob (a tar, gzip allowed) into the tracking folder `path`, once: when `path`
   * exists already nothing is done. Readers see the whole folder or none of it. Throws
   * `LATHE_NOT_FOUND` for a missing blob.
   */
  unpackBlobToTracking(workspace: string, path: string, sha256: string): Promise<void>;

  /**
   * A gzipped tar of a file or folder inside an output (`path` relative to the output, `''` for
   * all of it): a folder's contents at the archive's root, or the one file under its own name
   * (`file`). Throws `LATHE_NOT_FOUND` when missing.
   */
  packOutputPath(ref: JobRef, output: string, path: string): Promise<PackedPath>;
  /**
   * A digest of the content of a file or folder inside an output (`path` relative to the output,
   * `''` for all of it): every file's path, size and sha256, so the same content has the same
   * digest wherever it is stored (step reuse compares inputs by it). `file` names the single file
   * when it was one. Throws `LATHE_NOT_FOUND` when missing.
   */
  digestOutputPath(ref: JobRef, output: string, path: string): Promise<{ digest: string; file?: string }>;
  /** The same for a tracking artifact path (see `putTrackingFile`). */
  packTrackingPath(workspace: string, path: string): Promise<PackedPath>;
}

/** A tar stream of a file or a folder; `file` names the single file when it was one. */
export interface PackedPath {
  archive: Readable;
  file?: string;
}
