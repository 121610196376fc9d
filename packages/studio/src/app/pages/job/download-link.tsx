/** A download of one file, beside its entry (a click on it does not select the entry). */
export function DownloadLink({ url, name }: { url: string; name: string }) {
  return (
    <a className="tree-download" href={url} download={name} title={`Download ${name}`} aria-label={`Download ${name}`} onClick={(e) => e.stopPropagation()}>
      ↓
    </a>
  );
}
