using Framecast.Features.Accounts;
using Framecast.Features.Social;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Infrastructure.Http;
using Framecast.Tests.Features.Chat;
using Framecast.Tests.Features.Social;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Notifications;

/// <summary>A followed channel's video is told to every follower once, when it first is ready and public; never a private one.</summary>
public sealed class VideoNotificationTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Followers_hear_of_a_public_video_once_and_of_a_private_one_only_when_it_is_made_public(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var channel = await host.RegisterAsync("vc");
        var follower = await host.RegisterAsync("vf");
        var bystander = await host.RegisterAsync("vb");
        await follower.Client.FollowAsync(channel.Username);

        var open = await host.CreateVideoAsync(channel, "out now");
        var heard = await follower.WaitNotificationAsync(n => n.Type() == "video", "the follower hears of the public video");
        heard.GetProperty("actor").Str("username").Should().Be(channel.Username);
        heard.GetProperty("video").Str("id").Should().Be(open.Id);
        heard.GetProperty("video").Str("title").Should().Be("out now");

        var secret = await host.CreateVideoAsync(channel, "secret", Visibility.Private);
        var unlisted = await host.CreateVideoAsync(channel, "link only", Visibility.Unlisted);
        (await host.JobsAboutAsync("video.published", secret.Id)).Should().BeEmpty("a private video is told to nobody");
        (await host.JobsAboutAsync("video.published", unlisted.Id)).Should().BeEmpty("nor an unlisted one");

        await channel.Client.PatchJsonAsync($"/api/v1/videos/{secret.Id}", new { visibility = "public" }).OkAsync();
        await follower.WaitNotificationAsync(n => n.Type() == "video" && n.GetProperty("video").Str("id") == secret.Id, "made public, it is told");
        await channel.Client.PatchJsonAsync($"/api/v1/videos/{secret.Id}", new { visibility = "private" }).OkAsync();
        await channel.Client.PatchJsonAsync($"/api/v1/videos/{secret.Id}", new { visibility = "public" }).OkAsync();
        await channel.Client.PatchJsonAsync($"/api/v1/videos/{secret.Id}", new { title = "secret, edited" }).OkAsync();
        await host.WaitJobsDoneAsync("video.published", secret.Id, count: 1);
        await host.WaitJobsDoneAsync("video.published", open.Id, count: 1);

        (await follower.NotificationItemsAsync()).Where(n => n.Type() == "video").Should().HaveCount(2, "each video is told once");
        (await bystander.NotificationItemsAsync()).Should().BeEmpty("only followers hear");
        (await channel.NotificationItemsAsync()).Should().BeEmpty("the channel is not told of its own video");
    }

    [Fact]
    public async Task An_uploaded_video_is_told_when_processing_makes_it_ready()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var channel = await host.RegisterAsync("up");
        var follower = await host.RegisterAsync("uf");
        await follower.Client.FollowAsync(channel.Username);

        var id = await VideoUploads.UploadAsync(channel, await TestClips.GetAsync("720p-audio.mp4"));
        (await host.JobsAboutAsync("video.published", id)).Should().BeEmpty("a video still processing is not told");
        await VideoUploads.WaitForAsync(channel, id, "ready");
        var heard = await follower.WaitNotificationAsync(n => n.Type() == "video" && n.GetProperty("video").Str("id") == id, "the follower hears once it is ready");
        heard.GetProperty("actor").Str("username").Should().Be(channel.Username);
        var feed = await follower.Client.GetJsonAsync("/api/v1/me/feed");
        feed.GetProperty("items")[0].GetProperty("video").Str("id").Should().Be(id);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_fan_out_reaches_every_follower_in_batches_and_a_re_run_adds_nothing(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var channel = await host.RegisterAsync("big");
        const int followers = NotificationWriterBatches * 2 + 1;
        await host.AddFollowersAsync(channel, followers);

        var video = await host.CreateVideoAsync(channel, "for everyone");
        await host.WaitJobsDoneAsync("video.published", video.Id);
        (await host.CountNotificationsAsync("video", video.Id)).Should().Be(followers);

        // A worker that died after some batches runs the job again: the same rows, nobody told twice.
        await host.EnqueueAsync("video.published", new VideoPublished(video.Id));
        await host.WaitJobsDoneAsync("video.published", video.Id, count: 2);
        (await host.CountNotificationsAsync("video", video.Id)).Should().Be(followers);
    }

    private const int NotificationWriterBatches = Framecast.Features.Notifications.NotificationWriter.BatchSize;
}

internal static class FollowerSeeding
{
    /// <summary>Many followers at once, made as rows (registering each through the API would hash a password apiece).</summary>
    public static Task AddFollowersAsync(this TestHost host, TestUser channel, int count) =>
        host.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<FramecastDbContext>();
            var now = DateTime.UtcNow;
            now = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
            for (var i = 0; i < count; i++)
            {
                var id = Ids.New();
                db.Users.Add(new User { Id = id, Username = $"bulk_{Guid.NewGuid():N}"[..30], PasswordHash = "-", CreatedAt = now });
                db.Set<Follow>().Add(new Follow { FollowerId = id, ChannelId = channel.Id, CreatedAt = now });
            }
            return await db.SaveChangesAsync();
        });
}
