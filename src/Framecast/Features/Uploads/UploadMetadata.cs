using System.Text;
using Framecast.Features.Videos;

namespace Framecast.Features.Uploads;

/// <summary>The tus <c>Upload-Metadata</c> header: comma-separated <c>key base64value</c> pairs.</summary>
public sealed record UploadMetadata(IReadOnlyDictionary<string, string> Values)
{
    public string? Get(string key) => Values.TryGetValue(key, out var value) ? value : null;

    /// <summary>Parses the header; null (with <paramref name="error"/>) when a pair is malformed or not base64 UTF-8.</summary>
    public static UploadMetadata? Parse(string? header, out string? error)
    {
        error = null;
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in (header ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = pair.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || parts[0].Length > 100 || values.ContainsKey(parts[0]))
            {
                error = "Upload-Metadata must be comma-separated 'key base64value' pairs with unique keys.";
                return null;
            }
            try
            {
                values[parts[0]] = parts.Length == 2 ? new UTF8Encoding(false, true).GetString(Convert.FromBase64String(parts[1])) : "";
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                error = $"Upload-Metadata value for '{parts[0]}' is not base64-encoded UTF-8.";
                return null;
            }
        }
        return new UploadMetadata(values);
    }

    /// <summary>The video fields these metadata describe, or the validation errors.</summary>
    public NewVideo? ToNewVideo(Dictionary<string, string[]> errors) =>
        VideoFields.From(Get("title"), Get("description"), Get("visibility"), Get("filename") ?? Get("name"), Get("watermark"), errors);
}
