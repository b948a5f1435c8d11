using System.Text;

namespace Framecast.Features.Search;

/// <summary>
/// A query split as the indexes read text: Latin-script (and other space-separated) words, matched as words and prefixes
/// with typo tolerance, and runs of Chinese, Japanese or Korean characters, matched as substrings.
/// </summary>
public sealed record SearchText(IReadOnlyList<string> Words, IReadOnlyList<string> CjkRuns)
{
    private const int MaxParts = 8, MaxPartLength = 50;

    public bool IsEmpty => Words.Count == 0 && CjkRuns.Count == 0;

    public static SearchText Parse(string query)
    {
        var words = new List<string>();
        var runs = new List<string>();
        var current = new StringBuilder();
        var currentIsCjk = false;
        void Flush()
        {
            if (current.Length > 0)
            {
                var part = current.ToString();
                var list = currentIsCjk ? runs : words;
                // A lone CJK character would match too much to be a useful search on its own.
                if (list.Count < MaxParts && !(currentIsCjk && part.Length < 2) && !list.Contains(part))
                {
                    list.Add(part.Length > MaxPartLength ? part[..MaxPartLength] : part);
                }
                current.Clear();
            }
        }
        foreach (var c in query.ToLowerInvariant())
        {
            var cjk = IsCjk(c);
            if (!cjk && !IsWordChar(c))
            {
                Flush();
                continue;
            }
            if (current.Length > 0 && cjk != currentIsCjk)
            {
                Flush();
            }
            currentIsCjk = cjk;
            current.Append(c);
        }
        Flush();
        return new SearchText(words, runs);
    }

    /// <summary>Letters, digits, and the combining marks some scripts write words with (Devanagari, Thai vowel signs).</summary>
    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c)
        || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.SpacingCombiningMark;

    /// <summary>Han (simplified, traditional, kanji), kana and hangul: scripts written without spaces between words (hangul mostly with, but its words inflect).</summary>
    public static bool IsCjk(char c) => c is >= '\u1100' and <= '\u11FF'   // Hangul Jamo
        or >= '\u3040' and <= '\u30FF'                                        // Hiragana, Katakana
        or >= '\u3130' and <= '\u318F'                                        // Hangul compatibility Jamo
        or >= '\u3400' and <= '\u4DBF'                                        // CJK extension A
        or >= '\u4E00' and <= '\u9FFF'                                        // CJK unified ideographs
        or >= '\uAC00' and <= '\uD7AF'                                        // Hangul syllables
        or >= '\uF900' and <= '\uFAFF';                                       // CJK compatibility ideographs

    /// <summary>Optimal string alignment distance is at most one: one insertion, deletion, substitution or swap of neighbours.</summary>
    public static bool WithinOneEdit(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1 || a == b)
        {
            return a == b;
        }
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }
        if (a.Length == b.Length)
        {
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }
        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        return longer.AsSpan(i + 1).SequenceEqual(shorter.AsSpan(i));
    }

    /// <summary>The first string after every string that starts with <paramref name="prefix"/> (for index range scans).</summary>
    public static string PrefixEnd(string prefix) => prefix + char.ConvertFromUtf32(0x10FFFF);
}
