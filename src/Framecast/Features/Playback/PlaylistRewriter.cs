using System.Text;
using System.Text.RegularExpressions;

namespace Framecast.Features.Playback;

/// <summary>
/// Appends <c>?token=</c> to every URI in an HLS playlist (media lines and <c>URI="…"</c> attributes), so a standard
/// player given only the private master URL can fetch every child with the same token.
/// </summary>
public static partial class PlaylistRewriter
{
    public static string AddToken(string playlist, string token)
    {
        var query = $"?token={Uri.EscapeDataString(token)}";
        var output = new StringBuilder(playlist.Length + 64);
        foreach (var raw in playlist.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                output.Append('\n');
                continue;
            }
            output.Append(line.StartsWith('#')
                ? UriAttribute().Replace(line, m => $"URI=\"{m.Groups[1].Value}{query}\"")
                : line + query);
            output.Append('\n');
        }
        return output.ToString(0, output.Length - (playlist.EndsWith('\n') ? 0 : 1));
    }

    [GeneratedRegex("URI=\"([^\"?]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex UriAttribute();
}
