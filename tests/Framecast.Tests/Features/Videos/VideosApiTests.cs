using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Framecast.Features.Videos;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Videos;

public sealed class VideosApiTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_ready_public_video_has_every_contract_field(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("fields");
        var video = await host.CreateVideoAsync(owner, "  Sunset timelapse ", description: "Filmed <b>outdoors</b>", tags: ["nature", "Nature", " sky "]);

        var body = await (await host.Client.GetAsync($"/api/v1/videos/{video.Id}")).ShouldBeJsonAsync();

        body.GetProperty("id").GetString().Should().Be(video.Id);
        body.GetProperty("title").GetString().Should().Be("Sunset timelapse");
        body.GetProperty("description").GetString().Should().Be("Filmed <b>outdoors</b>");
        body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("nature", "sky");
        body.GetProperty("visibility").GetString().Should().Be("public");
        body.GetProperty("status").GetString().Should().Be("ready");
        body.GetProperty("owner").GetProperty("username").GetString().Should().Be(owner.Username);
        body.GetProperty("owner").GetProperty("id").GetString().Should().Be(owner.Id);
        body.GetProperty("createdAt").GetString().Should().EndWith("Z");
        foreach (var field in new[] { "stage", "progress", "playable", "error", "durationSeconds", "width", "height", "thumbnailUrl", "hlsUrl", "renditions" })
        {
            body.TryGetProperty(field, out _).Should().BeTrue($"the contract lists '{field}'");
        }
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Visibility_rules_for_get(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("vis");
        var other = await host.RegisterAsync("other");
        var admin = await host.CreateAdminAsync();
        var anonymous = host.Client;
        var isPublic = await host.CreateVideoAsync(owner, "public one");
        var unlisted = await host.CreateVideoAsync(owner, "unlisted one", Visibility.Unlisted);
        var isPrivate = await host.CreateVideoAsync(owner, "private one", Visibility.Private);
        var processing = await host.CreateVideoAsync(owner, "processing one", status: VideoStatus.Processing);
        var failed = await host.CreateVideoAsync(owner, "failed one", status: VideoStatus.Failed);
        await host.SetVideoAsync(failed.Id, v => { v.ErrorCode = "media.unsupported"; v.ErrorMessage = "No video stream."; });

        var expectations = new (Video Video, HttpClient Client, HttpStatusCode Status)[]
        {
            (isPublic, anonymous, HttpStatusCode.OK), (isPublic, other.Client, HttpStatusCode.OK),
            (unlisted, anonymous, HttpStatusCode.OK), (unlisted, other.Client, HttpStatusCode.OK),
            (isPrivate, anonymous, HttpStatusCode.NotFound), (isPrivate, other.Client, HttpStatusCode.NotFound),
            (isPrivate, owner.Client, HttpStatusCode.OK), (isPrivate, admin.Client, HttpStatusCode.OK),
            (processing, anonymous, HttpStatusCode.NotFound), (processing, other.Client, HttpStatusCode.NotFound),
            (processing, owner.Client, HttpStatusCode.OK), (processing, admin.Client, HttpStatusCode.OK),
            (failed, other.Client, HttpStatusCode.NotFound), (failed, owner.Client, HttpStatusCode.OK),
        };
        foreach (var (video, client, status) in expectations)
        {
            var response = await client.GetAsync($"/api/v1/videos/{video.Id}");
            response.StatusCode.Should().Be(status, $"{video.Title} as {(client == anonymous ? "anonymous" : "a user")}");
            if (status == HttpStatusCode.NotFound)
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
            }
        }
        var failedBody = await (await owner.Client.GetAsync($"/api/v1/videos/{failed.Id}")).ShouldBeJsonAsync();
        failedBody.GetProperty("error").GetProperty("code").GetString().Should().Be("media.unsupported");
        failedBody.GetProperty("error").GetProperty("message").GetString().Should().Be("No video stream.");
        var processingBody = await (await owner.Client.GetAsync($"/api/v1/videos/{processing.Id}")).ShouldBeJsonAsync();
        processingBody.GetProperty("stage").GetString().Should().Be("queued");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Malformed_and_unknown_ids_are_404_before_any_lookup(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        foreach (var id in new[] { "AAAAAAAAAAA", "..%2F..%2Fetc", "short", "x'%3B DROP TABLE videos%3B--" })
        {
            await (await host.Client.GetAsync($"/api/v1/videos/{id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
        }
        // Dot segments are resolved by the server before routing: no route, still a problem+json 404.
        await (await host.Client.GetAsync("/api/v1/videos/%2e%2e/%2e%2e/etc")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task List_shows_only_public_ready_videos_newest_first_and_filters_by_q(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("list");
        var marker = Guid.NewGuid().ToString("N")[..10];
        var first = await host.CreateVideoAsync(owner, $"{marker} first");
        var second = await host.CreateVideoAsync(owner, $"{marker.ToUpperInvariant()} second");
        await host.CreateVideoAsync(owner, $"{marker} unlisted", Visibility.Unlisted);
        await host.CreateVideoAsync(owner, $"{marker} private", Visibility.Private);
        await host.CreateVideoAsync(owner, $"{marker} processing", status: VideoStatus.Processing);
        var described = await host.CreateVideoAsync(owner, "no marker in title", description: $"but {marker} in the description");

        var body = await (await host.Client.GetAsync($"/api/v1/videos?q={marker}")).ShouldBeJsonAsync();

        body.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString())
            .Should().Equal(described.Id, second.Id, first.Id);
        body.GetProperty("nextCursor").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_list_q_reads_the_full_text_index_prefixes_and_CJK_substrings_newest_first(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("fts");
        var marker = "zq" + Guid.NewGuid().ToString("N")[..8];
        var older = await host.CreateVideoAsync(owner, $"{marker}alpha 東京の夜景を歩く");
        var newer = await host.CreateVideoAsync(owner, $"{marker}beta 夜景 walk");
        await host.CreateVideoAsync(owner, $"{marker}gamma 夜景 private", Visibility.Private);

        async Task<string?[]> IdsAsync(string q) =>
            (await (await host.Client.GetAsync($"/api/v1/videos?q={Uri.EscapeDataString(q)}&limit=100")).ShouldBeJsonAsync())
                .GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToArray();

        (await IdsAsync(marker)).Should().Equal([newer.Id, older.Id], "a prefix of the indexed words, newest first");
        (await IdsAsync($"{marker}alpha 夜景")).Should().Equal(older.Id);
        (await IdsAsync("東京の夜")).Should().Contain(older.Id).And.NotContain(newer.Id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_cached_list_reflects_edits_and_deletions_at_once(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("cache");
        var marker = Guid.NewGuid().ToString("N")[..10];
        var hidden = await host.CreateVideoAsync(owner, $"{marker} to hide");
        var deleted = await host.CreateVideoAsync(owner, $"{marker} to delete");
        var url = $"/api/v1/videos?q={marker}";

        async Task<string?[]> IdsAsync() =>
            (await (await host.Client.GetAsync(url)).ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToArray();

        (await IdsAsync()).Should().Equal(deleted.Id, hidden.Id);
        (await IdsAsync()).Should().Equal(deleted.Id, hidden.Id);
        (await owner.Client.PatchAsJsonAsync($"/api/v1/videos/{hidden.Id}", new { visibility = "private" })).EnsureSuccessStatusCode();
        (await IdsAsync()).Should().Equal(deleted.Id);
        (await owner.Client.DeleteAsync($"/api/v1/videos/{deleted.Id}")).EnsureSuccessStatusCode();
        (await IdsAsync()).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Paging_has_no_gaps_or_repeats_while_videos_are_added(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("paging");
        var marker = Guid.NewGuid().ToString("N")[..10];
        var existing = new List<string>();
        for (var i = 0; i < 23; i++)
        {
            existing.Add((await host.CreateVideoAsync(owner, $"{marker} {i}")).Id);
        }
        using var stopInserting = new CancellationTokenSource();
        var inserter = Task.Run(async () =>
        {
            var n = 0;
            while (!stopInserting.IsCancellationRequested)
            {
                await host.CreateVideoAsync(owner, $"{marker} late {n++}");
            }
        });

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = $"/api/v1/videos?q={marker}&limit=5" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await host.Client.GetAsync(url)).ShouldBeJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
            await Task.Delay(20);
        }
        while (cursor is not null);
        await stopInserting.CancelAsync();
        await inserter;

        seen.Should().OnlyHaveUniqueItems();
        seen.Where(existing.Contains).Should().Equal(Enumerable.Reverse(existing), "every video that existed is seen once, newest first");
        pages.Should().BeGreaterThan(4);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Limits_are_clamped_and_bad_cursors_refused(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);

        (await (await host.Client.GetAsync("/api/v1/videos?limit=1000")).ShouldBeJsonAsync())
            .GetProperty("items").GetArrayLength().Should().BeLessThanOrEqualTo(100);
        await (await host.Client.GetAsync("/api/v1/videos?cursor=garbage!")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor.invalid");
        await (await host.Client.GetAsync("/api/v1/videos?cursor=MTIzNDU")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "cursor.invalid");
        await (await host.Client.GetAsync("/api/v1/videos?limit=abc")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_channel_lists_everything_to_its_owner_and_admins_and_only_public_ready_to_others(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("chan");
        var other = await host.RegisterAsync("viewer");
        var admin = await host.CreateAdminAsync();
        var shown = await host.CreateVideoAsync(owner, "shown");
        var hidden = await host.CreateVideoAsync(owner, "hidden", Visibility.Private);
        var busy = await host.CreateVideoAsync(owner, "busy", status: VideoStatus.Processing);
        var url = $"/api/v1/users/{owner.Username.ToUpperInvariant()}/videos";

        async Task<string?[]> IdsAsync(HttpClient client) =>
            (await (await client.GetAsync(url)).ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()).ToArray();

        (await IdsAsync(owner.Client)).Should().Equal(busy.Id, hidden.Id, shown.Id);
        (await IdsAsync(admin.Client)).Should().Equal(busy.Id, hidden.Id, shown.Id);
        (await IdsAsync(other.Client)).Should().Equal(shown.Id);
        (await IdsAsync(host.Client)).Should().Equal(shown.Id);
        await (await host.Client.GetAsync("/api/v1/users/no_such_user_here/videos")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
    }
}
