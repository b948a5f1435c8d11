using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Framecast.Features.Live;

/// <summary>The live list's opaque cursor: a position in the list, base64url of <c>live:N</c>.</summary>
public static class LiveListCursor
{
    private const string Prefix = "live:";
    private const int MaxOffset = 100_000;

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
            return false;
        }
    }
}
