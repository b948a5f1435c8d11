using System.Net;
using Framecast.Tests.Features.Chat;
using Framecast.Tests.Features.Live;
using Framecast.Tests.Features.Wallet;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Operations;

/// <summary>
/// One host with every role, given the traffic each of our meters measures: a clip uploaded twice (a form, then tus in
/// two chunks) and processed by the real pipeline (ffmpeg), its original fetched, a gift sent, a live broadcast published by ffmpeg and chatted in. Then
/// <see cref="Scrape"/> is what <c>/metrics</c> serves, once every gauge has its first figures.
/// </summary>
public sealed class ObservedTraffic : IAsyncLifetime
{
    public const string Collection = "observed traffic";

    private FfmpegProcess? _publisher;
    private TestUser? _owner;

    public TestHost Host { get; private set; } = null!;
    public long UploadedBytes { get; private set; }
    public long ServedBytes { get; private set; }
    public PrometheusText Scrape { get; private set; } = null!;
    public string ContentType { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Host = await ChatKit.StartLiveHostAsync(new Dictionary<string, string?> { ["Processing:Ladder:0"] = "360p" });
        _owner = await Host.RegisterAsync("metrics");
        var fan = await Host.RegisterAsync("fan");
        var admin = await Host.CreateAdminAsync();

        // VP9 in WebM: not playable as is, so the ladder is encoded and ffmpeg's speed measured.
        var clip = await TestClips.GetAsync("silent.webm");
        UploadedBytes = new FileInfo(clip).Length;
        var video = await VideoUploads.UploadAndWaitAsync(_owner, clip, "ready");
        var videoId = video.GetProperty("id").GetString()!;
        await UploadByTusAsync(_owner, await File.ReadAllBytesAsync(clip));
        ServedBytes = (await _owner.Client.GetByteArrayAsync($"/media/{videoId}/original")).Length;

        var giftId = await admin.CreateGiftAsync("Star", 10);
        await admin.GrantAsync(fan.Username, 100);
        (await fan.SendGiftAsync($"videos/{videoId}", giftId, 3)).StatusCode.Should().Be(HttpStatusCode.Created);

        _publisher = LiveTestKit.Publish(await Host.RtmpPortAsync(), await _owner.StreamKeyAsync());
        var sessionId = (await Host.Client.WaitLiveAsync(_owner.Username)).GetProperty("sessionId").GetString()!;
        await fan.Client.PostMessageOkAsync(sessionId, "hello from the metrics test");

        await Eventually.TrueAsync(async () =>
        {
            using var response = await Host.Client.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            ContentType = response.Content.Headers.ContentType!.ToString();
            Scrape = PrometheusText.Parse(await response.Content.ReadAsStringAsync());
            return Scrape.Sum("framecast_live_broadcasts") == 1 && Scrape.Names.Contains("framecast_ready");
        }, "the broadcast and readiness gauges have their first figures", TimeSpan.FromSeconds(30));
    }

    private static async Task UploadByTusAsync(TestUser owner, byte[] file)
    {
        var created = await owner.Client.SendAsync(TusClient.Create(file.Length, TusClient.Metadata(("filename", "again.webm"), ("visibility", "unlisted"))));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var location = created.Headers.Location!.ToString();
        var half = file.Length / 2;
        (await owner.Client.SendAsync(TusClient.Patch(location, 0, file[..half]))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await owner.Client.SendAsync(TusClient.Patch(location, half, file[half..]))).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await VideoUploads.WaitForAsync(owner, created.VideoId()!, "ready");
    }

    public async Task DisposeAsync()
    {
        if (_publisher is not null)
        {
            await _publisher.DisposeAsync();
        }
        if (_owner is not null)
        {
            await _owner.EndQuietlyAsync();
        }
        await Host.DisposeAsync();
    }
}

[CollectionDefinition(ObservedTraffic.Collection)]
public sealed class ObservedTrafficCollection : ICollectionFixture<ObservedTraffic>;
