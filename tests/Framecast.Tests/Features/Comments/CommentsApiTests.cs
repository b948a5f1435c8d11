using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Features.Comments;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Comments;

public sealed class CommentsApiTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Post_then_list_newest_first(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("cm");
        var fan = await host.RegisterAsync("fan");
        var video = await host.CreateVideoAsync(owner, "talk about it");

        var created = await (await fan.Client.PostAsJsonAsync($"/api/v1/videos/{video.Id}/comments", new { content = "first! <script>alert(1)</script>" }))
            .ShouldBeJsonAsync(HttpStatusCode.Created);
        await (await owner.Client.PostAsJsonAsync($"/api/v1/videos/{video.Id}/comments", new { content = "thanks" })).ShouldBeJsonAsync(HttpStatusCode.Created);

        created.GetProperty("author").GetProperty("username").GetString().Should().Be(fan.Username);
        created.GetProperty("content").GetString().Should().Be("first! <script>alert(1)</script>", "stored as written; pages encode on output");
        var list = await (await host.Client.GetAsync($"/api/v1/videos/{video.Id}/comments")).ShouldBeJsonAsync();
        list.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("content").GetString())
            .Should().Equal("thanks", "first! <script>alert(1)</script>");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Post_validation_and_access(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("cv");
        var other = await host.RegisterAsync("co");
        var video = await host.CreateVideoAsync(owner, "open");
        var hidden = await host.CreateVideoAsync(owner, "closed", Visibility.Private);
        var url = $"/api/v1/videos/{video.Id}/comments";

        await (await host.Client.PostAsJsonAsync(url, new { content = "hi" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await other.Client.PostAsJsonAsync(url, new { content = "   " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await other.Client.PostAsJsonAsync(url, new { content = new string('x', 2001) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await other.Client.PostAsJsonAsync(url, new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        (await other.Client.PostAsJsonAsync(url, new { content = new string('x', 2000) })).StatusCode.Should().Be(HttpStatusCode.Created);
        await (await other.Client.PostAsJsonAsync($"/api/v1/videos/{hidden.Id}/comments", new { content = "hi" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
        await (await other.Client.GetAsync($"/api/v1/videos/{hidden.Id}/comments")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
        (await owner.Client.GetAsync($"/api/v1/videos/{hidden.Id}/comments")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Time_window_is_half_open_from_exclusive_to_inclusive(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("tw");
        var video = await host.CreateVideoAsync(owner, "windowed");
        const long t = 1_700_000_000;
        await SeedCommentAsync(host, video, owner, "at from", t, 0);
        await SeedCommentAsync(host, video, owner, "just after from", t, 1);
        await SeedCommentAsync(host, video, owner, "half way", t + 1, 500_000);
        await SeedCommentAsync(host, video, owner, "at to", t + 2, 0);
        await SeedCommentAsync(host, video, owner, "just after to", t + 2, 1);

        async Task<string?[]> ContentsAsync(string query) =>
            (await (await host.Client.GetAsync($"/api/v1/videos/{video.Id}/comments?{query}")).ShouldBeJsonAsync())
                .GetProperty("items").EnumerateArray().Select(c => c.GetProperty("content").GetString()).ToArray();

        (await ContentsAsync($"from={t}&to={t + 2}")).Should().Equal("at to", "half way", "just after from");
        (await ContentsAsync($"from={t + 2}")).Should().Equal("just after to");
        (await ContentsAsync($"to={t}")).Should().Equal("at from");
        (await ContentsAsync($"from={t - 10}&to={t - 1}")).Should().BeEmpty();
        await (await host.Client.GetAsync($"/api/v1/videos/{video.Id}/comments?from={t}&to={t}")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await host.Client.GetAsync($"/api/v1/videos/{video.Id}/comments?from=yesterday")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Cursor_pages_through_a_window(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("cp");
        var video = await host.CreateVideoAsync(owner, "many comments");
        const long t = 1_600_000_000;
        var seeded = new List<(string Id, long Second)>();
        for (var i = 0; i < 12; i++)
        {
            // Four comments share each instant, so the cursor must order ties by id.
            seeded.Add((await SeedCommentAsync(host, video, owner, $"c{i:00}", t + 1 + i / 4, 0), t + 1 + i / 4));
        }
        await SeedCommentAsync(host, video, owner, "outside", t + 3, 1);

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/videos/{video.Id}/comments?from={t}&to={t + 3}&limit=5" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await host.Client.GetAsync(url)).ShouldBeJsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        seen.Should().Equal(seeded.OrderByDescending(c => c.Second).ThenByDescending(c => c.Id, StringComparer.Ordinal).Select(c => c.Id));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Delete_authorization_matrix(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("vo");
        var author = await host.RegisterAsync("au");
        var stranger = await host.RegisterAsync("st");
        var admin = await host.CreateAdminAsync();
        var video = await host.CreateVideoAsync(owner, "moderated");

        async Task<string> CommentAsync() =>
            (await (await author.Client.PostAsJsonAsync($"/api/v1/videos/{video.Id}/comments", new { content = "hmm" })).ShouldBeJsonAsync(HttpStatusCode.Created))
                .GetProperty("id").GetString()!;

        var first = await CommentAsync();
        await (await host.Client.DeleteAsync($"/api/v1/comments/{first}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await stranger.Client.DeleteAsync($"/api/v1/comments/{first}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        (await author.Client.DeleteAsync($"/api/v1/comments/{first}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await author.Client.DeleteAsync($"/api/v1/comments/{first}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "comment.not_found");
        (await owner.Client.DeleteAsync($"/api/v1/comments/{await CommentAsync()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.Client.DeleteAsync($"/api/v1/comments/{await CommentAsync()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await admin.Client.DeleteAsync("/api/v1/comments/..%2F..")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "comment.not_found");
    }

    private static Task<string> SeedCommentAsync(TestHost host, Video video, TestUser author, string content, long unixSeconds, int microseconds) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var id = Ids.New();
            db.Comments.Add(new Comment
            {
                Id = id,
                VideoId = video.Id,
                AuthorId = author.Id,
                Content = content,
                CreatedAt = DateTime.UnixEpoch.AddSeconds(unixSeconds).AddTicks(microseconds * 10L),
            });
            await db.SaveChangesAsync();
            return id;
        });
}
