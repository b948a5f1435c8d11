using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Framecast.Features.Live;
using Framecast.Features.Live.Broadcasts;
using Framecast.Features.Live.Rtmp;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>
/// A broadcast's state when things happen while its publisher is still leaving (its transcoder flushing): the owner
/// ends it, or the encoder is already back. Driven through <see cref="LiveBroadcasts"/> of a real host with messages
/// ffmpeg published, so the order of events is fixed instead of left to timing.
/// </summary>
public sealed class BroadcastRaceTests(LiveHostFixture fixture) : IClassFixture<LiveHostFixture>
{
    private static readonly Lazy<Task<IReadOnlyList<RtmpMessage>>> Recorded = new(RecordAsync);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_broadcast_takes_one_publisher_and_ends_when_it_leaves_before_its_first_keyframe()
    {
        var (broadcast, first, owner) = await AttachAsync("solo");
        try
        {
            broadcast.TryAttach(new CancellationTokenSource()).Should().BeFalse("one publisher at a time");
            broadcast.Status.Should().Be(LiveSessionStatus.Live);
            broadcast.Renditions.Should().BeEmpty("nothing is planned before the first keyframe");
            (await owner.BroadcastAsync())!.Value.GetProperty("status").GetString().Should().Be("live");
        }
        finally
        {
            await broadcast.DetachAsync(first);
        }
        broadcast.Status.Should().Be(LiveSessionStatus.Ended, "a publisher gone before its first keyframe leaves nothing to wait for");
        broadcast.TryAttach(new CancellationTokenSource()).Should().BeFalse("an ended broadcast takes no publisher");
    }

    [Fact]
    public async Task Ending_a_broadcast_while_its_publisher_is_leaving_ends_it_for_good()
    {
        var (broadcast, publisher, owner) = await AttachAsync("endrace");
        await FeedAsync(broadcast, await Recorded.Value);
        await Task.WhenAll(broadcast.Renditions.Select(r => r.FirstInit)).WaitAsync(Patience);

        var leaving = broadcast.DetachAsync(publisher);
        leaving.IsCompleted.Should().BeFalse("the transcoder is still flushing");
        var ending = broadcast.CutAsync();
        await Task.WhenAll(leaving, ending).WaitAsync(Patience);

        using var scope = new FluentAssertions.Execution.AssertionScope();
        broadcast.Status.Should().Be(LiveSessionStatus.Ended, "the owner ended it");
        broadcast.Renditions.Should().OnlyContain(r => r.Ended);
        (await owner.BroadcastAsync()).Should().BeNull("the owner sees no broadcast");
        (await fixture.Host.Client.GetAsync(LiveTestKit.MasterUrl(owner.Username))).StatusCode.Should().Be(HttpStatusCode.NotFound, "viewers see the channel offline");
        broadcast.TryAttach(new CancellationTokenSource()).Should().BeFalse("an ended broadcast takes no publisher");
    }

    [Fact]
    public async Task An_encoder_back_while_the_last_one_is_still_leaving_shows_the_broadcast_live()
    {
        var (broadcast, first, owner) = await AttachAsync("quickback");
        var messages = await Recorded.Value;
        await FeedAsync(broadcast, messages);
        await Task.WhenAll(broadcast.Renditions.Select(r => r.FirstInit)).WaitAsync(Patience);
        var second = new CancellationTokenSource();
        try
        {
            var leaving = broadcast.DetachAsync(first);
            leaving.IsCompleted.Should().BeFalse("the transcoder is still flushing");
            broadcast.TryAttach(second).Should().BeTrue("the encoder is back");
            var feeding = FeedAsync(broadcast, messages);
            await Task.WhenAll(leaving, feeding).WaitAsync(Patience);

            await Eventually.TrueAsync(() => Task.FromResult(broadcast.Renditions.All(r => r.Init is not null && r.FindInit(2) is not null)), "the second transcoder's init is in");
            broadcast.HasPublisher.Should().BeTrue();
            broadcast.Status.Should().Be(LiveSessionStatus.Live, "an encoder is feeding the broadcast");
            (await owner.BroadcastAsync())!.Value.GetProperty("status").GetString().Should().Be("live");
        }
        finally
        {
            await broadcast.CutAsync();
            await broadcast.DetachAsync(second);
        }
    }

    private async Task<(Broadcast Broadcast, CancellationTokenSource Publisher, TestUser Owner)> AttachAsync(string prefix)
    {
        var owner = await fixture.Host.RegisterAsync(prefix);
        var publisher = new CancellationTokenSource();
        var (broadcast, refusal) = await fixture.Host.Services.GetRequiredService<LiveBroadcasts>().AttachAsync(await owner.StreamKeyAsync(), publisher, CancellationToken.None);
        refusal.Should().BeNull();
        return (broadcast!, publisher, owner);
    }

    private static async Task FeedAsync(Broadcast broadcast, IReadOnlyList<RtmpMessage> messages)
    {
        foreach (var message in messages)
        {
            await broadcast.OnMediaAsync(message, CancellationToken.None);
        }
    }

    /// <summary>Three seconds that ffmpeg publishes (as fast as it can) to our RTMP session: metadata, sequence headers, frames.</summary>
    private static async Task<IReadOnlyList<RtmpMessage>> RecordAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        await using var ffmpeg = FfmpegProcess.Start(
        [
            "-hide_banner", "-nostdin", "-nostats", "-loglevel", "warning",
            "-f", "lavfi", "-i", $"testsrc2=size={LiveTestKit.SourceSize}:rate=30", "-f", "lavfi", "-i", "sine=frequency=440", "-t", "3",
            "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "30", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k",
            "-f", "flv", $"rtmp://127.0.0.1:{port}/live/recorded",
        ]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var client = await listener.AcceptTcpClientAsync(timeout.Token);
        await using var stream = client.GetStream();
        await RtmpHandshake.PerformAsync(stream, timeout.Token);
        var handler = new Recorder();
        await new RtmpSession(stream, handler).RunAsync(timeout.Token);
        client.Close();
        (await ffmpeg.ExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, ffmpeg.Stderr);
        handler.Media.Count(m => m.TypeId == 9 && m.Payload[0] == 0x17 && m.Payload[1] == 1).Should().BeGreaterOrEqualTo(3, "a keyframe a second");
        return handler.Media;
    }

    private sealed class Recorder : IRtmpPublishHandler
    {
        public List<RtmpMessage> Media { get; } = [];

        public Task<string?> AuthorizeAsync(string streamKey, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

        public Task OnMediaAsync(RtmpMessage message, CancellationToken cancellationToken)
        {
            Media.Add(message);
            return Task.CompletedTask;
        }
    }
}
