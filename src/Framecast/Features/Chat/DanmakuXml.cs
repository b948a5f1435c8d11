using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;

namespace Framecast.Features.Chat;

/// <summary>
/// Bilibili's danmaku XML, which existing danmaku tools read: <c>&lt;d p="seconds,mode,font size,decimal colour,unix
/// time,pool,author hash,id"&gt;text&lt;/d&gt;</c> in an <c>&lt;i&gt;</c> root. Modes 1 scroll, 5 top, 4 bottom; sizes 18/25/36.
/// </summary>
public static class DanmakuXml
{
    public static async Task WriteAsync(Stream output, string videoId, int poolSize, IEnumerable<DanmakuEvent> items, CancellationToken cancellationToken)
    {
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true, CheckCharacters = true };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "i", null);
        await xml.WriteElementStringAsync(null, "chatserver", null, "framecast");
        await xml.WriteElementStringAsync(null, "chatid", null, videoId);
        await xml.WriteElementStringAsync(null, "mission", null, "0");
        await xml.WriteElementStringAsync(null, "maxlimit", null, poolSize.ToString(CultureInfo.InvariantCulture));
        await xml.WriteElementStringAsync(null, "state", null, "0");
        await xml.WriteElementStringAsync(null, "source", null, "k-v");
        foreach (var d in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await xml.WriteStartElementAsync(null, "d", null);
            await xml.WriteAttributeStringAsync(null, "p", null, Attributes(d));
            await xml.WriteStringAsync(d.Text);
            await xml.WriteEndElementAsync();
        }
        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    public static string Attributes(DanmakuEvent d) => string.Join(',',
        (d.OffsetMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture),
        ModeNumber(d.Mode).ToString(CultureInfo.InvariantCulture),
        FontSize(d.Size).ToString(CultureInfo.InvariantCulture),
        Convert.ToInt32(d.Color[1..], 16).ToString(CultureInfo.InvariantCulture),
        new DateTimeOffset(d.SentAt, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        "0",
        AuthorHash(d.Author.Id),
        d.Id);

    public static int ModeNumber(string mode) => mode switch { "top" => 5, "bottom" => 4, _ => 1 };

    public static int FontSize(string size) => size switch { "small" => 18, "large" => 36, _ => 25 };

    /// <summary>Like Bilibili's, a hash rather than the account: readers can group by author without learning who it is.</summary>
    private static string AuthorHash(string userId) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userId)), 0, 4);
}
