using System.Net;
using System.Net.Http.Json;
using Framecast.Features.Videos;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Search;

/// <summary>The index follows every change at once: edits, visibility, processing finishing, deletion.</summary>
public sealed class SearchIndexUpkeepTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_index_follows_edits_visibility_and_deletion_at_once(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("ix");
        var (first, second) = (UniqueWord(), UniqueWord());
        var video = await host.CreateVideoAsync(owner, $"Evening {first}", tags: ["夕焼け" + first[..3]]);

        (await IdsAsync(host, first)).Should().Equal(video.Id);
        (await IdsAsync(host, "夕焼")).Should().Contain(video.Id);

        await PatchAsync(owner, video.Id, new { title = $"Morning {second}" });
        (await IdsAsync(host, first)).Should().BeEmpty("the old title is gone from the index");
        (await IdsAsync(host, second)).Should().Equal(video.Id);

        await PatchAsync(owner, video.Id, new { visibility = "private" });
        (await IdsAsync(host, second)).Should().BeEmpty("a private video is never found");
        await PatchAsync(owner, video.Id, new { visibility = "unlisted" });
        (await IdsAsync(host, second)).Should().BeEmpty("nor an unlisted one");
        await PatchAsync(owner, video.Id, new { visibility = "public", tags = new[] { first } });
        (await IdsAsync(host, second)).Should().Equal(video.Id);
        (await IdsAsync(host, first)).Should().Equal([video.Id], "the new tag is indexed");

        using (var deleted = await owner.Client.DeleteAsync($"/api/v1/videos/{video.Id}"))
        {
            deleted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        }
        (await IdsAsync(host, second)).Should().BeEmpty("a deleted video disappears at once, before its rows are removed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_video_is_found_once_processing_makes_it_ready(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("ip");
        var word = UniqueWord();
        var video = await host.CreateVideoAsync(owner, $"Soon {word}", status: VideoStatus.Processing);
        (await IdsAsync(host, word)).Should().BeEmpty();
        await host.SetVideoAsync(video.Id, v => v.Status = VideoStatus.Ready);
        (await IdsAsync(host, word)).Should().Equal(video.Id);
        await host.SetVideoAsync(video.Id, v => v.Status = VideoStatus.Failed);
        (await IdsAsync(host, word)).Should().BeEmpty();
    }

    /// <summary>The index keeps its own copy of what pages are sorted and filtered by: counters and duration follow at once.</summary>
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sorting_and_filters_follow_views_likes_and_duration_at_once(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("is");
        var word = UniqueWord();
        var older = await host.CreateVideoAsync(owner, $"First {word}");
        var newer = await host.CreateVideoAsync(owner, $"Second {word}");
        await host.SetVideoAsync(older.Id, v => v.DurationSeconds = 60);
        await host.SetVideoAsync(newer.Id, v => v.DurationSeconds = 60);
        (await IdsAsync(host, word)).Should().Equal([newer.Id, older.Id], "equally relevant and popular: the newer first");

        await host.SetVideoAsync(older.Id, v => v.Views = 5);
        (await IdsAsync(host, word, "&sort=views")).Should().Equal(older.Id, newer.Id);
        (await IdsAsync(host, word)).Should().Equal([older.Id, newer.Id], "now the more popular");
        await host.SetVideoAsync(newer.Id, v => v.LikeCount = 1);
        (await IdsAsync(host, word)).Should().Equal([newer.Id, older.Id], "a like counts as ten views");
        (await IdsAsync(host, word, "&sort=views")).Should().Equal([older.Id, newer.Id], "views alone");

        await host.SetVideoAsync(newer.Id, v => v.DurationSeconds = 3600);
        (await IdsAsync(host, word, "&duration=short")).Should().Equal(older.Id);
        (await IdsAsync(host, word, "&duration=long")).Should().Equal(newer.Id);
    }

    /// <summary>Letters only, unlike any other test's words.</summary>
    internal static string UniqueWord() => "zx" + string.Concat(Guid.NewGuid().ToString("N").Select(c => (char)('a' + c % 26)))[..12];

    internal static async Task<List<string>> IdsAsync(TestHost host, string q, string extra = "")
    {
        using var response = await host.Client.GetAsync("/api/v1/search?q=" + Uri.EscapeDataString(q) + "&limit=100" + extra);
        return [.. (await response.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    private static async Task PatchAsync(TestUser owner, string id, object body)
    {
        using var response = await owner.Client.PatchAsJsonAsync($"/api/v1/videos/{id}", body);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
