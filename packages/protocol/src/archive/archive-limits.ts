/**
 * Bounds every reader of an artifact or cache archive enforces while it reads: the archive is
 * refused as soon as one is crossed, so a bomb costs at most these many bytes and entries.
 */
export interface ArchiveLimits {
  /** Bytes of the compressed archive (what is uploaded and stored). */
  maxCompressedBytes: number;
  /** Bytes of the decompressed tar stream: headers, contents and padding. */
  maxBytes: number;
  /** Entries (files, directories and links). */
  maxEntries: number;
  /** Bytes of one pax or GNU long-name header, which tar readers hold in memory. */
  maxMetaBytes: number;
  /** Bytes of one entry path or link target. */
  maxPathBytes: number;
}

const GIB = 1024 * 1024 * 1024;

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxCompressedBytes: 2 * GIB,
  maxBytes: 4 * GIB,
  maxEntries: 50_000,
  maxMetaBytes: 64 * 1024,
  maxPathBytes: 4096,
};

/** `sha256:` followed by 64 lowercase hex digits: how artifacts and caches are addressed. */
export const DIGEST_PATTERN = /^sha256:[0-9a-f]{64}$/;
