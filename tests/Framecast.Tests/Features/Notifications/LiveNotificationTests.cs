using Framecast.Tests.Features.Chat;
using Framecast.Tests.Features.Live;
using Framecast.Tests.Features.Social;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Notifications;

/// <summary>A followed channel going live is told to its followers once per broadcast: a reconnect within the window is the same broadcast.</summary>
public sealed class LiveNotificationTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Followers_hear_once_that_a_channel_went_live_and_see_it_in_their_feed_and_subscriptions(string provider)
    {
        await using var host = await ChatKit.StartLiveHostAsync(provider: provider);
        var channel = await host.RegisterAsync("onair");
        var follower = await host.RegisterAsync("lf");
        var bystander = await host.RegisterAsync("lb");
        await follower.Client.FollowAsync(channel.Username);
        var port = await host.RtmpPortAsync();
        var key = await channel.StreamKeyAsync();
        try
        {
            string sessionId;
            await using (var first = LiveTestKit.Publish(port, key, seconds: 4))
            {
                var session = await host.Client.WaitLiveAsync(channel.Username);
                sessionId = session.Str("sessionId");
                session.GetProperty("channel").GetProperty("followers").GetInt64().Should().Be(1, "the channel's live session says how many follow it");

                var heard = await follower.WaitNotificationAsync(n => n.Type() == "live", "the follower hears the channel went live");
                heard.Str("sessionId").Should().Be(sessionId);
                heard.GetProperty("actor").Str("username").Should().Be(channel.Username);

                var subscriptions = await follower.Client.GetJsonAsync("/api/v1/me/subscriptions");
                subscriptions.GetProperty("items")[0].GetProperty("live").GetBoolean().Should().BeTrue();
                var feed = await follower.Client.GetJsonAsync("/api/v1/me/feed");
                var entry = feed.GetProperty("items")[0];
                entry.Str("type").Should().Be("live");
                entry.GetProperty("live").Str("sessionId").Should().Be(sessionId);
                entry.GetProperty("live").Str("hlsUrl").Should().Be(LiveTestKit.MasterUrl(channel.Username));
                (await first.ExitAsync(LiveProductKit.ExitWithin)).Should().Be(0, "the encoder stops on its own");
            }

            await Eventually.TrueAsync(async () => (await channel.BroadcastAsync())?.GetProperty("status").GetString() == "reconnecting",
                "the broadcast waits for its encoder", LiveTestKit.Patience);
            await using var second = LiveTestKit.Publish(port, key);
            await host.Client.WaitSessionAsync(channel.Username, s => s.Str("status") == "live" && s.Str("sessionId") == sessionId,
                "the encoder is back within the window: the same broadcast goes on");

            await host.WaitJobsDoneAsync("live.started", sessionId, count: 1);
            (await host.CountNotificationsAsync("live", sessionId)).Should().Be(1, "a reconnect is not a new broadcast");
            (await bystander.NotificationItemsAsync()).Should().BeEmpty("only followers hear");
        }
        finally
        {
            await channel.EndQuietlyAsync();
        }
    }

    [Fact]
    public async Task A_refused_stream_is_not_announced()
    {
        await using var host = await ChatKit.StartLiveHostAsync();
        var channel = await host.RegisterAsync("wrongcodec");
        var follower = await host.RegisterAsync("lr");
        await follower.Client.FollowAsync(channel.Username);
        // Sorenson H.263, the FLV muxer's default video codec: refused at once.
        string[] flv1 = ["-f", "lavfi", "-i", $"testsrc2=size={LiveTestKit.SourceSize}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440", "-c:v", "flv1", "-c:a", "aac"];
        await using (var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), await channel.StreamKeyAsync(), seconds: 20, inputAndCodecs: flv1))
        {
            (await publisher.ExitAsync(LiveProductKit.ExitWithin)).Should().NotBe(0, "the stream is refused");
        }
        await host.WaitJobsDoneAsync("live.started", channel.Id);
        (await follower.NotificationItemsAsync()).Should().BeEmpty("a broadcast that ended as it began is not announced");
    }
}
