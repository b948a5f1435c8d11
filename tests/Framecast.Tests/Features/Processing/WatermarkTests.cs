using System.Net;
using System.Net.Http.Headers;
using Framecast.Tests.Support;
using static Framecast.Tests.Support.VideoUploads;

namespace Framecast.Tests.Features.Processing;

/// <summary>A channel's watermark burned into its new videos, unless an upload opts out (issue 12).</summary>
public sealed class WatermarkTests
{
    private static readonly Dictionary<string, string?> SmallLadder = new() { ["Processing:Ladder:0"] = "360p" };

    [Fact]
    public async Task A_channel_sets_changes_reads_and_removes_its_watermark()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var owner = await host.RegisterAsync("wmapi");
        var other = await host.RegisterAsync("wmother");
        var png = await File.ReadAllBytesAsync(await RedPngAsync());

        await (await owner.Client.GetAsync("/api/v1/me/watermark")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "watermark.not_found");
        await (await owner.Client.PutAsync("/api/v1/me/watermark", Form(null, ("position", "top-right")))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await owner.Client.PutAsync("/api/v1/me/watermark", Form("not a png"u8.ToArray()))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await owner.Client.PutAsync("/api/v1/me/watermark", Form(png, ("position", "middle")))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await owner.Client.PutAsync("/api/v1/me/watermark", Form(png, ("opacity", "3")))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");

        var set = await (await owner.Client.PutAsync("/api/v1/me/watermark", Form(png, ("position", "top-left"), ("opacity", "0.5")))).ShouldBeJsonAsync();
        set.GetProperty("position").GetString().Should().Be("top-left");
        set.GetProperty("opacity").GetDouble().Should().Be(0.5);
        var changed = await (await owner.Client.PutAsync("/api/v1/me/watermark", Form(null, ("position", "bottom-right")))).ShouldBeJsonAsync();
        changed.GetProperty("position").GetString().Should().Be("bottom-right", "settings change without sending the image again");
        (await owner.Client.GetByteArrayAsync(changed.GetProperty("imageUrl").GetString())).Should().Equal(png);
        await (await other.Client.GetAsync("/api/v1/me/watermark")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "watermark.not_found");

        (await owner.Client.DeleteAsync("/api/v1/me/watermark")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await owner.Client.GetAsync("/api/v1/me/watermark/image")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "watermark.not_found");
        (await host.Client.GetAsync("/api/v1/me/watermark")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task New_videos_carry_the_watermark_unless_the_upload_opts_out()
    {
        await using var host = await TestHost.StartAsync("sqlite", settings: SmallLadder);
        var owner = await host.RegisterAsync("wmvideo");
        var png = await File.ReadAllBytesAsync(await RedPngAsync());
        (await owner.Client.PutAsync("/api/v1/me/watermark", Form(png, ("position", "top-right"), ("opacity", "1"), ("widthPercent", "30")))).EnsureSuccessStatusCode();
        var clip = await TestClips.GetAsync("720p-audio.mp4");

        var marked = await UploadWithAsync(owner, clip, watermark: null);
        var plain = await UploadWithAsync(owner, clip, watermark: "off");
        await WaitForAsync(owner, marked, "ready");
        await WaitForAsync(owner, plain, "ready");

        var media = Path.Combine(host.Database.DataDirectory, "media");
        // 640x360: the watermark is 192 px wide in the top-right corner, 12 px from the edges.
        var markedCorner = await RegionAsync(Path.Combine(media, marked), "160:60:460:20");
        var plainCorner = await RegionAsync(Path.Combine(media, plain), "160:60:460:20");
        var markedOpposite = await RegionAsync(Path.Combine(media, marked), "160:60:20:280");
        var plainOpposite = await RegionAsync(Path.Combine(media, plain), "160:60:20:280");

        MeanDifference(markedCorner, plainCorner).Should().BeGreaterThan(30, "the red watermark covers that corner");
        MeanDifference(markedOpposite, plainOpposite).Should().BeLessThan(4, "the rest of the picture is the same");
        File.Exists(Path.Combine(media, plain, "video.mp4")).Should().BeTrue("an opted-out H.264 upload still plays at once");
        File.Exists(Path.Combine(media, marked, "video.mp4")).Should().BeFalse("a copy of the source would show it without the watermark");
    }

    [Fact]
    public async Task A_bad_watermark_choice_on_an_upload_is_refused()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var owner = await host.RegisterAsync("wmbad");
        using var form = new MultipartFormDataContent { { new StringContent("sometimes"), "watermark" }, { new ByteArrayContent(new byte[100]), "file", "a.mp4" } };

        await (await owner.Client.PostAsync("/api/v1/videos", form)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
    }

    private static async Task<string> UploadWithAsync(TestUser user, string path, string? watermark)
    {
        using var form = new MultipartFormDataContent();
        if (watermark is not null)
        {
            form.Add(new StringContent(watermark), "watermark");
        }
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", Path.GetFileName(path));
        return (await (await user.Client.PostAsync("/api/v1/videos", form)).ShouldBeJsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    /// <summary>One frame (1 s in) of the 360p rendition, cropped (w:h:x:y) to grey bytes.</summary>
    private static async Task<byte[]> RegionAsync(string videoMedia, string crop)
    {
        var output = Path.Combine(videoMedia, $"region-{Guid.NewGuid():N}.gray");
        await TestClips.RunFfmpegAsync(["-v", "error", "-i", Path.Combine(videoMedia, "hls", "360p", "index.m3u8"), "-ss", "1", "-frames:v", "1",
            "-vf", $"crop={crop},format=gray", "-f", "rawvideo", "-y", output]);
        return await File.ReadAllBytesAsync(output);
    }

    private static double MeanDifference(byte[] a, byte[] b)
    {
        a.Length.Should().Be(b.Length).And.BePositive();
        return a.Zip(b, (x, y) => Math.Abs(x - y)).Average();
    }

    private static async Task<string> RedPngAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), "framecast-test-clips", "watermark-red.png");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = $"{path}.{Guid.NewGuid():N}.png";
            await TestClips.RunFfmpegAsync(["-f", "lavfi", "-i", "color=c=red:size=320x160", "-frames:v", "1", "-y", temp]);
            File.Move(temp, path, overwrite: true);
        }
        return path;
    }

    private static MultipartFormDataContent Form(byte[]? png, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        if (png is not null)
        {
            var part = new ByteArrayContent(png);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(part, "file", "mark.png");
        }
        return form;
    }
}
