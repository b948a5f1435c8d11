using System.Net;
using System.Net.Http.Json;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Storage;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Videos;

/// <summary>The authorization matrix (anonymous / other user / owner / admin) for PATCH and DELETE, and their validation.</summary>
public sealed class VideoOwnerActionsTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Patch_by_owner_changes_only_the_fields_sent(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("edit");
        var video = await host.CreateVideoAsync(owner, "Before", description: "keep me", tags: ["a"]);

        var response = await owner.Client.PatchAsJsonAsync($"/api/v1/videos/{video.Id}", new { title = "After", tags = new[] { "x", "y" }, visibility = "unlisted" });

        var body = await response.ShouldBeJsonAsync();
        body.GetProperty("title").GetString().Should().Be("After");
        body.GetProperty("description").GetString().Should().Be("keep me");
        body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Should().Equal("x", "y");
        body.GetProperty("visibility").GetString().Should().Be("unlisted");
        (await host.FindVideoRowAsync(video.Id))!.Visibility.Should().Be(Visibility.Unlisted);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Patch_authorization_matrix(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("own");
        var other = await host.RegisterAsync("oth");
        var admin = await host.CreateAdminAsync();
        var video = await host.CreateVideoAsync(owner, "Mine");
        var secret = await host.CreateVideoAsync(owner, "Secret", Visibility.Private);
        var patch = new { title = "Hijacked" };

        await (await host.Client.PatchAsJsonAsync($"/api/v1/videos/{video.Id}", patch)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await other.Client.PatchAsJsonAsync($"/api/v1/videos/{video.Id}", patch)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await admin.Client.PatchAsJsonAsync($"/api/v1/videos/{video.Id}", patch)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        await (await other.Client.PatchAsJsonAsync($"/api/v1/videos/{secret.Id}", patch)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
        (await host.FindVideoRowAsync(video.Id))!.Title.Should().Be("Mine");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Patch_rejects_bad_values_with_400(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("bad");
        var video = await host.CreateVideoAsync(owner, "Valid");
        var url = $"/api/v1/videos/{video.Id}";

        await (await owner.Client.PatchAsJsonAsync(url, new { visibility = "secret" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await owner.Client.PatchAsJsonAsync(url, new { visibility = "Public" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await owner.Client.PatchAsJsonAsync(url, new { title = "   " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await owner.Client.PatchAsJsonAsync(url, new { title = new string('t', 101) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await owner.Client.PatchAsJsonAsync(url, new { tags = Enumerable.Range(0, 21).Select(i => $"t{i}") })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await owner.Client.PatchAsJsonAsync(url, new { title = 42 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        await (await owner.Client.PatchAsJsonAsync(url, new { tags = "not-a-list" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        using var broken = new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json");
        await (await owner.Client.PatchAsync(url, broken)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "request.malformed");
        (await host.FindVideoRowAsync(video.Id))!.Title.Should().Be("Valid");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Delete_authorization_matrix(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("del");
        var other = await host.RegisterAsync("nope");
        var admin = await host.CreateAdminAsync();
        var mine = await host.CreateVideoAsync(owner, "owner deletes");
        var moderated = await host.CreateVideoAsync(owner, "admin deletes");

        await (await host.Client.DeleteAsync($"/api/v1/videos/{mine.Id}")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await other.Client.DeleteAsync($"/api/v1/videos/{mine.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
        (await owner.Client.DeleteAsync($"/api/v1/videos/{mine.Id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await admin.Client.DeleteAsync($"/api/v1/videos/{moderated.Id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);

        foreach (var client in new[] { host.Client, owner.Client, admin.Client })
        {
            await (await client.GetAsync($"/api/v1/videos/{mine.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
        }
        await (await owner.Client.DeleteAsync($"/api/v1/videos/{mine.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Delete_removes_media_comments_and_row_asynchronously(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("gone");
        var video = await host.CreateVideoAsync(owner, "to delete");
        var blobs = host.Services.GetRequiredService<IBlobStore>();
        await blobs.WriteAsync($"{video.Id}/original.mp4", new MemoryStream([1, 2, 3]), CancellationToken.None);
        await blobs.WriteAsync($"{video.Id}/hls/720p/seg0.m4s", new MemoryStream([4, 5]), CancellationToken.None);
        (await owner.Client.PostAsJsonAsync($"/api/v1/videos/{video.Id}/comments", new { content = "bye" })).StatusCode.Should().Be(HttpStatusCode.Created);

        (await owner.Client.DeleteAsync($"/api/v1/videos/{video.Id}")).StatusCode.Should().Be(HttpStatusCode.Accepted);

        await Eventually.TrueAsync(async () => await host.FindVideoRowAsync(video.Id) is null, "the deletion job removes the row");
        (await blobs.ExistsAsync($"{video.Id}/original.mp4", CancellationToken.None)).Should().BeFalse();
        Directory.Exists(Path.Combine(host.Database.DataDirectory, "media", video.Id)).Should().BeFalse();
        (await host.CountCommentsAsync(video.Id)).Should().Be(0);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_deletion_queued_before_a_restart_is_finished_after_it(string provider)
    {
        TestDatabase database;
        string videoId;
        await using (var apiOnly = await TestHost.StartAsync(provider, roles: "api"))
        {
            database = apiOnly.Database;
            var owner = await apiOnly.RegisterAsync("crash");
            videoId = (await apiOnly.CreateVideoAsync(owner, "pending delete")).Id;
            Directory.CreateDirectory(Path.Combine(database.DataDirectory, "media", videoId));
            (await owner.Client.DeleteAsync($"/api/v1/videos/{videoId}")).StatusCode.Should().Be(HttpStatusCode.Accepted);
            (await apiOnly.FindVideoRowAsync(videoId))!.Status.Should().Be(VideoStatus.Deleting, "no worker runs in an api-only process");
        }

        await using var restarted = await TestHost.StartAsync(provider, database, roles: "worker");

        await Eventually.TrueAsync(async () => await restarted.FindVideoRowAsync(videoId) is null, "the worker picks the queued deletion up");
        Directory.Exists(Path.Combine(database.DataDirectory, "media", videoId)).Should().BeFalse();
    }
}
