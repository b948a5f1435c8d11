using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Framecast.Features.Search;

/// <summary>
/// The search's opaque cursor: a position in the ranked list, base64url of <c>search:N</c>. By position because a
/// relevance order has no stable key; deep pages are capped, as every search engine caps them.
/// </summary>
public static class SearchCursor
{
    private const string Prefix = "search:";
    public const int MaxOffset = 1000;

    public static string Encode(int offset) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(Prefix + offset.ToString(CultureInfo.InvariantCulture)));

    public static bool TryDecode(string cursor, out int offset)
    {
        offset = 0;
        if (cursor.Length > 64)
        {
            return false;
        }
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(Prefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
                && offset is >= 0 and <= MaxOffset;
        }
        catch (FormatException)
        {
            // Not base64url: the caller answers 400 validation.failed.
            return false;
        }
    }
}
