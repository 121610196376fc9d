/** Lines a `GET /jobs/{name}/logs?tail=` request may ask for at most. */
export const LOG_TAIL_MAX_LINES = 10_000;

/** Bytes a tail spans at most: a tail of longer lines starts mid-line (`lathe-log-start` says where). */
export const LOG_TAIL_MAX_BYTES = 1024 * 1024;

/** Matching lines a log search returns at most (`max_results`, and its default). */
export const LOG_SEARCH_MAX_RESULTS = 1000;

/** One line of `GET /jobs/{name}/logs/search`: a matching line and the byte offset it starts at. */
export interface LogSearchMatchResource {
  offset: number;
  /** The line without its line break, cut to 2,000 characters. */
  text: string;
}

/** The last line of a log search. */
export interface LogSearchEndResource {
  end: true;
  /** Matching lines sent. */
  matches: number;
  /** Where to search on from (`offset=`) when `max_results` cut the search short; else `null`. */
  next_offset: number | null;
  /** The log's size when the search began: the bytes searched end there. */
  searched_to: number;
}
