using Framecast.Features.Search;

namespace Framecast.Tests.Features.Search;

/// <summary>How a query is split (words, CJK runs) and what counts as one edit.</summary>
public sealed class SearchTextTests
{
    [Theory]
    [InlineData("Travel Guide", "travel guide", "")]
    [InlineData("東京タワー night", "night", "東京タワー")]
    [InlineData("서울 여행", "", "서울 여행")]
    [InlineData("北京tour", "tour", "北京")]
    [InlineData("\"a*\" OR (b) NEAR:c^", "a or b near c", "")]
    [InlineData("東 京", "", "")]
    public void Splits_words_and_runs(string query, string words, string runs)
    {
        var text = SearchText.Parse(query);
        string.Join(" ", text.Words).Should().Be(words);
        string.Join(" ", text.CjkRuns).Should().Be(runs, "single CJK characters are left out");
    }

    [Theory]
    [InlineData("travel", "travle", true)]
    [InlineData("travel", "trave", true)]
    [InlineData("travel", "traveel", true)]
    [InlineData("travel", "tragel", true)]
    [InlineData("travel", "rtavel", true)]
    [InlineData("travel", "trvael", true)]
    [InlineData("travel", "tarvle", false)]
    [InlineData("travel", "trav", false)]
    [InlineData("travel", "levart", false)]
    public void One_edit_is_an_insertion_deletion_substitution_or_swap(string a, string b, bool expected)
    {
        SearchText.WithinOneEdit(a, b).Should().Be(expected);
        SearchText.WithinOneEdit(b, a).Should().Be(expected);
    }
}
