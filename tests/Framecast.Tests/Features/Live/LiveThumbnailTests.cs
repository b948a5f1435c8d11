using System.Net;
using System.Text.RegularExpressions;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>A live broadcast's picture: made about every 10 s from its latest segment, named by the session, gone with the broadcast.</summary>
public sealed partial class LiveThumbnailTests
{
    [Fact]
    public async Task A_broadcast_gets_a_jpeg_thumbnail_that_is_renewed_and_goes_away_when_it_ends()
    {
        await using var host = await LiveTestKit.StartHostAsync();
        var owner = await host.RegisterAsync("thumb");
        await (await host.Client.GetAsync($"/live/{owner.Username}/thumbnail.jpg")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        await using var publisher = LiveTestKit.Publish(await host.RtmpPortAsync(), await owner.StreamKeyAsync());
        try
        {
            var session = await host.Client.WaitSessionAsync(owner.Username, s => s.String("thumbnailUrl") is not null, "the broadcast has a thumbnail");
            var first = session.String("thumbnailUrl")!;
            first.Should().MatchRegex($"^/live/{owner.Username}/thumbnail\\.jpg\\?v=[0-9]+$");
            (await host.Client.ListLiveAsync()).Items().Single(s => s.Username() == owner.Username).String("thumbnailUrl").Should().NotBeNull("the list names it too");
            ((await owner.BroadcastAsync())!.Value.String("thumbnailUrl")).Should().NotBeNull("and the owner's settings");

            using (var image = await host.Client.GetAsync(first))
            {
                image.StatusCode.Should().Be(HttpStatusCode.OK);
                image.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
                var bytes = await image.Content.ReadAsByteArrayAsync();
                bytes.Take(3).Should().Equal(0xFF, 0xD8, 0xFF);
                var path = Path.Combine(Path.GetTempPath(), $"framecast-live-thumb-{Guid.NewGuid():N}.jpg");
                try
                {
                    await File.WriteAllBytesAsync(path, bytes);
                    var (probe, _) = await ToolRunner.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", path]);
                    var fields = probe.Trim().Split(',');
                    fields[0].Should().Be("mjpeg", probe);
                    int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
                    int.Parse(fields[2], System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 360, "a small picture of the broadcast");
                }
                finally
                {
                    File.Delete(path);
                }
            }

            // About every 10 s a new picture, under a new address (lists never show a cached old one).
            var renewed = await host.Client.WaitSessionAsync(owner.Username, s => s.String("thumbnailUrl") is { } url && url != first, "the thumbnail is renewed",
                TimeSpan.FromSeconds(25));
            VersionOf(renewed.String("thumbnailUrl")!).Should().BeGreaterThan(VersionOf(first));
            (await host.Client.GetAsync(renewed.String("thumbnailUrl"))).StatusCode.Should().Be(HttpStatusCode.OK);

            (await owner.Client.PostAsync("/api/v1/me/live/end", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
            await host.Client.WaitOfflineAsync(owner.Username);
            await (await host.Client.GetAsync(first)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
            await (await host.Client.GetAsync($"/live/{owner.Username}/thumbnail.jpg")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        }
        finally
        {
            await owner.EndQuietlyAsync();
        }
    }

    private static long VersionOf(string url) => long.Parse(Version().Match(url).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("[?&]v=([0-9]+)")]
    private static partial Regex Version();
}
