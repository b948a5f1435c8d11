using System.Data.Common;
using Dapper;

namespace Framecast.Features.Search;

/// <summary>A form of a query word to look for: the word as a prefix, or a vocabulary word taken whole.</summary>
public sealed record WordForm(string Word, bool Prefix);

/// <summary>
/// One edit of typo tolerance for words: a query word that begins no indexed word is replaced by the indexed words one
/// insertion, deletion, substitution or swap away (computed here, over the vocabulary words that start with the query
/// word's first or second letter and are about as long, read as index range scans). A typo in the very first letter is
/// therefore not corrected unless it is an extra letter.
/// </summary>
public static class TypoExpansion
{
    private const int MinLength = 3, MaxForms = 8, MaxCandidates = 5000;

    /// <param name="hasPrefixSql">One row when some indexed word starts with <c>@word</c> (<c>@from</c>/<c>@to</c> bound it).</param>
    /// <param name="candidatesSql">Vocabulary words in [<c>@from</c>, <c>@to</c>) of length <c>@min</c>–<c>@max</c>, at most <c>@limit</c>.</param>
    public static async Task<List<List<WordForm>>> ExpandAsync(DbConnection connection, IReadOnlyList<string> words, string hasPrefixSql,
        string candidatesSql, Func<string, object>? prefixArgument, CancellationToken cancellationToken)
    {
        var result = new List<List<WordForm>>();
        foreach (var word in words)
        {
            var args = prefixArgument?.Invoke(word) ?? new { word, from = word, to = SearchText.PrefixEnd(word) };
            var found = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(hasPrefixSql, args, cancellationToken: cancellationToken));
            if (found is not null || word.Length < MinLength)
            {
                result.Add([new WordForm(word, Prefix: true)]);
                continue;
            }
            var near = new List<string>();
            foreach (var start in new[] { word[..1], word[1..2] }.Distinct())
            {
                var terms = await connection.QueryAsync<string>(new CommandDefinition(candidatesSql,
                    new { from = start, to = SearchText.PrefixEnd(start), min = word.Length - 1, max = word.Length + 1, limit = MaxCandidates },
                    cancellationToken: cancellationToken));
                near.AddRange(terms.Where(t => SearchText.WithinOneEdit(word, t)));
            }
            result.Add(near.Count == 0 ? [new WordForm(word, Prefix: true)] : [.. near.Distinct().Take(MaxForms).Select(t => new WordForm(t, Prefix: false))]);
        }
        return result;
    }
}
