using System.Text.RegularExpressions;

namespace Framecast.Features.Web;

/// <summary>
/// Splits user-written text into plain runs and http(s) links, so a page can make the links clickable while
/// everything else stays encoded text (the view encodes every piece; nothing here produces markup).
/// </summary>
public static partial class TextLinks
{
    public readonly record struct Piece(string Text, bool IsLink);

    public static IEnumerable<Piece> Split(string text)
    {
        var at = 0;
        foreach (Match match in Url().Matches(text))
        {
            // Trailing punctuation usually ends the sentence, not the address.
            var url = match.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"');
            if (match.Index > at)
            {
                yield return new Piece(text[at..match.Index], false);
            }
            yield return new Piece(url, Uri.TryCreate(url, UriKind.Absolute, out _));
            at = match.Index + url.Length;
        }
        if (at < text.Length)
        {
            yield return new Piece(text[at..], false);
        }
    }

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex Url();
}
