using System.Net;
using System.Security.Cryptography;
using Framecast.Features.Videos;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Uploads;

public sealed class TusUploadTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Options_advertises_the_protocol(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);

        var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/v1/uploads"));

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Tus-Version").Single().Should().Be("1.0.0");
        response.Headers.GetValues("Tus-Extension").Single().Should().Contain("creation").And.Contain("termination").And.Contain("checksum").And.Contain("expiration");
        long.Parse(response.Headers.GetValues("Tus-Max-Size").Single()).Should().Be(20L * 1024 * 1024 * 1024);
        response.Headers.GetValues("Tus-Checksum-Algorithm").Single().Should().Contain("sha1");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_chunked_upload_with_checksums_becomes_a_processing_video(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("tus");
        var file = RandomNumberGenerator.GetBytes(300_000);

        var created = await user.Client.SendAsync(TusClient.Create(file.Length, TusClient.Metadata(("filename", "holiday.mp4"), ("title", "Holiday"), ("visibility", "unlisted"))));
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var location = created.Headers.Location!.ToString();
        created.Headers.GetValues("Upload-Expires").Should().ContainSingle();
        var videoId = created.VideoId()!;
        var uploading = await (await user.Client.GetAsync($"/api/v1/videos/{videoId}")).ShouldBeJsonAsync();
        uploading.GetProperty("status").GetString().Should().Be("uploading");

        long offset = 0;
        foreach (var (size, algorithm) in new[] { (100_000, "sha1"), (100_000, "sha256"), (100_000, "md5") })
        {
            var response = await user.Client.SendAsync(TusClient.Patch(location, offset, file[(int)offset..(int)(offset + size)], algorithm));
            response.StatusCode.Should().Be(HttpStatusCode.NoContent);
            offset = response.Offset();
        }

        offset.Should().Be(file.Length);
        var head = await user.Client.SendAsync(TusClient.Head(location));
        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.Offset().Should().Be(file.Length);
        head.VideoId().Should().Be(videoId);
        head.Headers.CacheControl!.NoStore.Should().BeTrue();
        var video = await (await user.Client.GetAsync($"/api/v1/videos/{videoId}")).ShouldBeJsonAsync();
        video.GetProperty("title").GetString().Should().Be("Holiday");
        video.GetProperty("visibility").GetString().Should().Be("unlisted");
        video.GetProperty("status").GetString().Should().BeOneOf("processing", "ready", "failed");
        var upload = await UploadRowAsync(host, location);
        upload.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(file)));
        upload.Md5.Should().Be(Convert.ToHexStringLower(MD5.HashData(file)));
        upload.Filename.Should().Be("holiday.mp4");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Creation_with_upload_takes_the_first_chunk_on_the_post(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("cwu");
        var file = RandomNumberGenerator.GetBytes(5000);

        var created = await user.Client.SendAsync(TusClient.Create(file.Length, TusClient.Metadata(("filename", "a.mp4")), file[..2000]));

        created.StatusCode.Should().Be(HttpStatusCode.Created);
        created.Offset().Should().Be(2000);
        var done = await user.Client.SendAsync(TusClient.Patch(created.Headers.Location!.ToString(), 2000, file[2000..]));
        done.Offset().Should().Be(5000);
        done.VideoId().Should().Be(created.VideoId());
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Protocol_errors_have_the_tus_status_codes(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("tuserr");
        var chunk = RandomNumberGenerator.GetBytes(1000);
        var location = (await user.Client.SendAsync(TusClient.Create(2000))).Headers.Location!.ToString();

        var noVersion = TusClient.Head(location);
        noVersion.Headers.Remove("Tus-Resumable");
        noVersion.Headers.Add("Tus-Resumable", "0.2.2");
        var wrongVersion = await user.Client.SendAsync(noVersion);
        wrongVersion.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        wrongVersion.Headers.GetValues("Tus-Version").Single().Should().Be("1.0.0");

        await (await user.Client.SendAsync(TusClient.Patch(location, 500, chunk))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "upload.offset_mismatch");
        var badChecksum = await user.Client.SendAsync(TusClient.Patch(location, 0, chunk, "sha1", checksumOf: [1, 2, 3]));
        ((int)badChecksum.StatusCode).Should().Be(460);
        (await user.Client.SendAsync(TusClient.Head(location))).Offset().Should().Be(0, "the mismatching chunk is discarded");
        await (await user.Client.SendAsync(TusClient.Patch(location, 0, RandomNumberGenerator.GetBytes(2500)))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "upload.too_large");
        var plain = TusClient.Patch(location, 0, chunk);
        plain.Content!.Headers.ContentType = new("application/octet-stream");
        await (await user.Client.SendAsync(plain)).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "upload.content_type");
        var unknownAlgorithm = TusClient.Patch(location, 0, chunk);
        unknownAlgorithm.Headers.Add("Upload-Checksum", "crc32 AAAA");
        await (await user.Client.SendAsync(unknownAlgorithm)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "upload.checksum_invalid");
        await (await user.Client.SendAsync(TusClient.Create(20L * 1024 * 1024 * 1024 + 1))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "upload.too_large");
        await (await user.Client.SendAsync(TusClient.Create(10, "title !!!notbase64"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await user.Client.SendAsync(TusClient.Create(10, TusClient.Metadata(("visibility", "secret"))))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await user.Client.SendAsync(TusClient.Create(0))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        var noLength = TusClient.Create(10);
        noLength.Headers.Remove("Upload-Length");
        await (await user.Client.SendAsync(noLength)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "upload.length_required");
        (await user.Client.SendAsync(TusClient.Patch(location, 0, chunk, "md5"))).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Only_the_creator_can_touch_an_upload(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("mine");
        var other = await host.RegisterAsync("thief");
        var location = (await owner.Client.SendAsync(TusClient.Create(100))).Headers.Location!.ToString();

        (await host.Client.SendAsync(TusClient.Head(location))).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "HEAD answers carry no body");
        await (await host.Client.SendAsync(TusClient.Create(100))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        (await other.Client.SendAsync(TusClient.Head(location))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await (await other.Client.SendAsync(TusClient.Patch(location, 0, new byte[10]))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "upload.not_found");
        await (await other.Client.SendAsync(TusClient.Delete(location))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "upload.not_found");
        (await owner.Client.SendAsync(TusClient.Head(location))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Termination_removes_the_upload_its_bytes_and_its_video(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("term");
        var created = await user.Client.SendAsync(TusClient.Create(1000, null, new byte[400]));
        var location = created.Headers.Location!.ToString();
        var id = location.Split('/')[^1];

        (await user.Client.SendAsync(TusClient.Delete(location))).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await user.Client.SendAsync(TusClient.Head(location))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        File.Exists(Path.Combine(host.Database.DataDirectory, "uploads", $"{id}.part")).Should().BeFalse();
        (await host.FindVideoRowAsync(created.VideoId()!)).Should().BeNull();
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_finished_upload_cannot_be_terminated_and_its_video_keeps_its_bytes(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("termdone");
        var created = await user.Client.SendAsync(TusClient.Create(1000, null, new byte[400]));
        var location = created.Headers.Location!.ToString();
        var last = await user.Client.SendAsync(TusClient.Patch(location, 400, new byte[600]));
        last.VideoId().Should().Be(created.VideoId());

        await (await user.Client.SendAsync(TusClient.Delete(location))).ShouldBeProblemAsync(HttpStatusCode.Conflict, "upload.completed");

        var head = await user.Client.SendAsync(TusClient.Head(location));
        head.StatusCode.Should().Be(HttpStatusCode.OK);
        head.VideoId().Should().Be(created.VideoId());
        var video = await host.FindVideoRowAsync(created.VideoId()!);
        video.Should().NotBeNull();
        video!.ErrorMessage.Should().NotBe("The uploaded file is missing.", "the bytes were not taken from under the pipeline");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Deleting_the_video_of_an_unfinished_upload_removes_the_upload_too(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("delup");
        var created = await user.Client.SendAsync(TusClient.Create(1000, null, new byte[300]));
        var location = created.Headers.Location!.ToString();

        (await user.Client.DeleteAsync($"/api/v1/videos/{created.VideoId()}")).StatusCode.Should().Be(HttpStatusCode.Accepted);

        // The job removes the row, then the bytes: wait for both, not for the first alone.
        var part = Path.Combine(host.Database.DataDirectory, "uploads", $"{location.Split('/')[^1]}.part");
        await Eventually.TrueAsync(async () => (await user.Client.SendAsync(TusClient.Head(location))).StatusCode == HttpStatusCode.NotFound && !File.Exists(part),
            "the upload and its bytes go with its video");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_upload_resumes_after_a_server_restart(string provider)
    {
        var file = RandomNumberGenerator.GetBytes(64 * 1024 + 17);
        TestDatabase database;
        TestUser user;
        string location;
        await using (var first = await TestHost.StartAsync(provider, roles: "api"))
        {
            database = first.Database;
            user = await first.RegisterAsync("resume");
            location = (await user.Client.SendAsync(TusClient.Create(file.Length))).Headers.Location!.ToString();
            (await user.Client.SendAsync(TusClient.Patch(location, 0, file[..40_000]))).Offset().Should().Be(40_000);
        }

        await using var second = await TestHost.StartAsync(provider, database, roles: "api");
        var client = second.NewClient(user.Token);
        var offset = (await client.SendAsync(TusClient.Head(location))).Offset();
        var done = await client.SendAsync(TusClient.Patch(location, offset, file[(int)offset..]));

        done.Offset().Should().Be(file.Length);
        (await UploadRowAsync(second, location)).Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_abandoned_upload_expires(string provider)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await TestHost.StartAsync(provider, roles: "api", services: s => s.AddSingleton<TimeProvider>(clock));
        var user = await host.RegisterAsync("old");
        var created = await user.Client.SendAsync(TusClient.Create(100));
        var location = created.Headers.Location!.ToString();
        var videoId = created.VideoId()!;

        clock.Advance(TimeSpan.FromHours(25));

        (await user.Client.SendAsync(TusClient.Head(location))).StatusCode.Should().Be(HttpStatusCode.Gone);
        await (await user.Client.SendAsync(TusClient.Patch(location, 0, new byte[10]))).ShouldBeProblemAsync(HttpStatusCode.Gone, "upload.expired");

        var removed = await host.WithScopeAsync(sp => sp.GetRequiredService<Framecast.Features.Uploads.UploadsService>().RemoveExpiredAsync(CancellationToken.None));

        removed.Should().Be(1);
        (await user.Client.SendAsync(TusClient.Head(location))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        File.Exists(Path.Combine(host.Database.DataDirectory, "uploads", $"{location.Split('/')[^1]}.part")).Should().BeFalse();
        (await host.FindVideoRowAsync(videoId)).Should().BeNull("the placeholder video goes with it");
    }

    private static Task<Framecast.Features.Uploads.Upload> UploadRowAsync(TestHost host, string location)
    {
        var id = location.Split('/')[^1];
        return host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Uploads.AsNoTracking().SingleAsync(u => u.Id == id));
    }
}
