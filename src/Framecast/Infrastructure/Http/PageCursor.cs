using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Framecast.Infrastructure.Http;

/// <summary>
/// Keyset position (createdAt, id) of the last item of a page, newest-first. Keyset rather than offset so that
/// rows inserted while a client pages never shift later pages: no gaps, no repeats.
/// </summary>
public readonly record struct PageCursor(DateTime CreatedAt, string Id)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    public static int ClampLimit(int? limit) => Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit);

    public string Encode()
    {
        var text = $"{CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}.{Id}";
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    public static bool TryDecode(string? value, out PageCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
            var dot = text.IndexOf('.');
            if (dot <= 0 || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks > DateTime.MaxValue.Ticks || !Ids.IsValid(text[(dot + 1)..]))
            {
                return false;
            }
            cursor = new PageCursor(new DateTime(ticks, DateTimeKind.Utc), text[(dot + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            // Not base64url: the caller answers 400 cursor.invalid.
            return false;
        }
    }

    public static Page<TOut> ToPage<TIn, TOut>(List<TIn> rowsPlusOne, int limit, Func<TIn, PageCursor> key, Func<TIn, TOut> map)
    {
        var hasMore = rowsPlusOne.Count > limit;
        var rows = hasMore ? rowsPlusOne.GetRange(0, limit) : rowsPlusOne;
        return new Page<TOut>(rows.Select(map).ToList(), hasMore ? key(rows[^1]).Encode() : null);
    }
}
