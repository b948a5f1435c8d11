using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Framecast.Infrastructure.Http;

/// <summary>
/// An opaque cursor holding one number: a position in a list that has no stable key (a ranked search, the live list),
/// or a row id to continue below. Base64url of the prefix and the number, so a cursor of one list is refused by another.
/// </summary>
public sealed class PositionCursor(string prefix, long max)
{
    public string Encode(long position) =>
        Base64Url.EncodeToString(Encoding.ASCII.GetBytes(prefix + position.ToString(CultureInfo.InvariantCulture)));

    /// <summary>False for anything this list did not give out (the caller answers 400).</summary>
    public bool TryDecode(string cursor, out long position)
    {
        position = 0;
        if (cursor.Length > 64)
        {
            return false;
        }
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(prefix, StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out position)
                && position >= 0 && position <= max;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
