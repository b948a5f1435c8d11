using System.Net;
using Framecast.Features.Accounts;
using Framecast.Features.Playback;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Admin;

public sealed class TakedownTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_takedown_hides_the_video_everywhere_but_from_its_owner_who_is_told_why(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var owner = await host.RegisterAsync("td");
        var word = "tdword" + Guid.NewGuid().ToString("N")[..8];
        var video = await host.CreateVideoAsync(owner, $"Film {word}");
        (await MediaVerdictAsync(host, video.Id)).Should().Be(PlaybackVerdict.Allowed);

        using (var takedown = await admin.PostJsonAsync($"/api/v1/admin/videos/{video.Id}/takedown", new { reason = "Copyright claim" }))
        {
            (await takedown.ShouldBeJsonAsync()).GetProperty("takedown").GetProperty("reason").GetString().Should().Be("Copyright claim");
        }
        (await host.PublicVideoIdsAsync($"/api/v1/search?q={word}")).Should().BeEmpty();
        (await host.PublicVideoIdsAsync("/api/v1/videos?limit=100")).Should().NotContain(video.Id);
        (await host.PublicVideoIdsAsync($"/api/v1/users/{owner.Username}/videos")).Should().NotContain(video.Id);
        using (var anonymous = await host.Client.GetAsync($"/api/v1/videos/{video.Id}"))
        {
            anonymous.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        (await MediaVerdictAsync(host, video.Id)).Should().Be(PlaybackVerdict.NotFound, "its media is refused too");
        using (var own = await owner.Client.GetAsync($"/api/v1/videos/{video.Id}"))
        {
            (await own.ShouldBeJsonAsync()).GetProperty("takedown").GetProperty("reason").GetString().Should().Be("Copyright claim");
        }
        var notice = (await owner.NotificationsAsync()).EnumerateArray().First(n => n.GetProperty("type").GetString() == "moderation");
        notice.GetProperty("message").GetString().Should().Contain("Copyright claim");
        notice.GetProperty("video").GetProperty("id").GetString().Should().Be(video.Id);

        using (var restore = await admin.Client.DeleteAsync($"/api/v1/admin/videos/{video.Id}/takedown"))
        {
            (await restore.ShouldBeJsonAsync()).GetProperty("takedown").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        }
        (await host.PublicVideoIdsAsync($"/api/v1/search?q={word}")).Should().Equal(video.Id);
        (await MediaVerdictAsync(host, video.Id)).Should().Be(PlaybackVerdict.Allowed);
        (await admin.AuditAsync("video.takedown")).Should().Contain(e => e.GetProperty("targetId").GetString() == video.Id);
        (await admin.AuditAsync("video.restore")).Should().Contain(e => e.GetProperty("targetId").GetString() == video.Id);
    }

    [Fact]
    public async Task Reprocess_queues_the_pipeline_again_and_unknown_videos_are_404()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var admin = await host.CreateAdminAsync();
        var owner = await host.RegisterAsync("rp");
        var video = await host.CreateVideoAsync(owner, "Again", status: Framecast.Features.Videos.VideoStatus.Failed);
        using (var reprocess = await admin.PostJsonAsync($"/api/v1/admin/videos/{video.Id}/reprocess"))
        {
            (await reprocess.ShouldBeJsonAsync(HttpStatusCode.Accepted)).GetProperty("status").GetString().Should().Be("processing");
        }
        using var jobs = await admin.Client.GetAsync("/api/v1/admin/jobs?limit=100");
        (await jobs.ShouldBeJsonAsync()).GetProperty("items").EnumerateArray().Should().Contain(j => j.GetProperty("type").GetString() == "video.process");
        using var unknown = await admin.PostJsonAsync("/api/v1/admin/videos/AAAAAAAAAAA/takedown", new { reason = "x" });
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "video.not_found");
    }

    private static async Task<PlaybackVerdict> MediaVerdictAsync(TestHost host, string id)
    {
        var (verdict, _, _) = await host.Services.GetRequiredService<PlaybackAccess>()
            .AuthorizeAsync(id, () => Task.FromResult(new Viewer(null, false)), null, CancellationToken.None);
        return verdict;
    }
}
