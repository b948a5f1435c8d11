using System.Text;

namespace Framecast.Features.Processing;

/// <summary>Recognises playlist and manifest text (HLS, DASH, ffconcat), so the uploader learns why it was refused.</summary>
public static class ManifestSniffer
{
    private static readonly string[] Signatures = ["#EXTM3U", "<MPD", "ffconcat", "<?xml", "file '", "file /"];

    public static async Task<bool> IsManifestAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[512];
        int read;
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous))
        {
            read = await file.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }
        var text = Encoding.UTF8.GetString(head, 0, read).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return Signatures.Any(s => text.StartsWith(s, StringComparison.OrdinalIgnoreCase)) || text.Contains("<MPD", StringComparison.Ordinal);
    }
}
