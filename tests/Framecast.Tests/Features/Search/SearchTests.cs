using System.Net;
using System.Text.Json;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Search;

/// <summary>GET /api/v1/search over TestData/corpus.json: words, prefixes, typos, CJK substrings, tags, filters, sorts, paging.</summary>
public sealed class SearchTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_corpus_query_finds_its_video_in_the_first_results(string provider)
    {
        var corpus = await SearchCorpus.GetAsync(provider);
        var misses = new List<string>();
        foreach (var c in corpus.Data.Cases)
        {
            var found = await corpus.SearchAsync(c.Query);
            if (c.Expect is null ? found.Count > 0 : !found.Take(3).Contains(c.Expect))
            {
                misses.Add($"{c.Query} ({c.Why}): expected {c.Expect ?? "nothing"}, got [{string.Join(", ", found)}]");
            }
        }
        misses.Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Nothing_private_unlisted_failed_or_processing_appears_whatever_the_query(string provider)
    {
        var corpus = await SearchCorpus.GetAsync(provider);
        var hidden = corpus.Data.Videos.Where(v => v.Hidden).ToList();
        var queries = corpus.Data.Cases.Select(c => c.Query)
            .Concat(hidden.SelectMany(v => v.Title.Split(' ').Concat(v.Tags)))
            .Concat(["secrets", "unlisted", "failed", "processing", "vlog", "北京旅游", "臺灣美食", "東京タワー", "서울 여행"]).Distinct();
        foreach (var query in queries)
        {
            foreach (var extra in new[] { "", "&sort=date", "&sort=views", "&duration=short" })
            {
                var found = await corpus.SearchAsync($"?q={Uri.EscapeDataString(query)}{extra}&limit=100");
                found.Should().NotContain(k => k.StartsWith("hidden-"), $"'{query}{extra}' must not reveal a video strangers may not see");
            }
            foreach (var item in await SuggestAsync(corpus.Host.Client, query))
            {
                hidden.Select(h => h.Title).Should().NotContain(item.GetProperty("text").GetString(), $"suggestions for '{query}' come from visible videos only");
            }
        }
        // Not even for their owner: search shows what everyone may see.
        using var mine = await corpus.Owner.Client.GetAsync("/api/v1/search?q=secrets");
        (await mine.ShouldBeJsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Filters_and_sorts_apply(string provider)
    {
        var corpus = await SearchCorpus.GetAsync(provider);
        (await corpus.SearchAsync("vlog")).Should().BeEquivalentTo(["travel", "cooking", "piano"]);
        (await corpus.SearchAsync("?q=vlog&duration=short")).Should().Equal("cooking");
        (await corpus.SearchAsync("?q=vlog&duration=medium")).Should().Equal("travel");
        (await corpus.SearchAsync("?q=vlog&duration=long")).Should().Equal("piano");
        (await corpus.SearchAsync("?q=vlog&sort=date")).Should().Equal("cooking", "travel", "piano");
        (await corpus.SearchAsync("?q=vlog&sort=views")).Should().Equal("travel", "cooking", "piano");
        (await corpus.SearchAsync("?q=vlog&uploaded=week")).Should().Equal("cooking");
        (await corpus.SearchAsync("?q=vlog&uploaded=month&sort=date")).Should().Equal("cooking", "travel");
        (await corpus.SearchAsync("?q=vlog&uploaded=year&sort=date")).Should().Equal("cooking", "travel");
        (await corpus.SearchAsync("?q=sushi")).Should().Equal(["sushi-master", "sushi-kids"], "equally relevant: the more popular first");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Pages_follow_the_cursor_without_repeats(string provider)
    {
        var corpus = await SearchCorpus.GetAsync(provider);
        var seen = new List<string>();
        string? cursor = null;
        do
        {
            using var response = await corpus.Host.Client.GetAsync("/api/v1/search?q=vlog&sort=date&limit=1" + (cursor is null ? "" : "&cursor=" + cursor));
            var body = await response.ShouldBeJsonAsync();
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = body.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null && seen.Count < 10);
        seen.Should().Equal(corpus.Ids["cooking"], corpus.Ids["travel"], corpus.Ids["piano"]);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_requests_are_problems(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        foreach (var (url, code) in new[]
        {
            ("/api/v1/search?q=a&type=user", "validation.failed"),
            ("/api/v1/search?q=a&sort=best", "validation.failed"),
            ("/api/v1/search?q=a&duration=any", "validation.failed"),
            ("/api/v1/search?q=a&uploaded=hour", "validation.failed"),
            ("/api/v1/search?q=a&cursor=nonsense", "validation.failed"),
            ("/api/v1/search?q=" + new string('a', 201), "validation.failed"),
            ("/api/v1/search?q=", "search.query_required"),
            ("/api/v1/search?q=%20%20", "search.query_required"),
            ("/api/v1/search/suggest?q=", "search.query_required"),
            ("/api/v1/search/suggest?q=" + new string('a', 101), "validation.failed"),
        })
        {
            using var response = await host.Client.GetAsync(url);
            await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);
        }
        using var punctuation = await host.Client.GetAsync("/api/v1/search?q=%22%2A%28%29%3A%5E");
        (await punctuation.ShouldBeJsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0, "FTS syntax in a query is text, not an error");
    }

    internal static async Task<List<JsonElement>> SuggestAsync(HttpClient client, string q)
    {
        using var response = await client.GetAsync("/api/v1/search/suggest?q=" + Uri.EscapeDataString(q));
        return [.. (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray()];
    }
}
