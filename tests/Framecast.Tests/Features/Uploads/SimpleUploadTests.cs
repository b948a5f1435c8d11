using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Uploads;

public sealed class SimpleUploadTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_multipart_upload_is_accepted_at_once_as_a_processing_video(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("simple");
        var file = RandomNumberGenerator.GetBytes(200_000);

        var response = await user.Client.PostAsync("/api/v1/videos", Form(file, "clip.mp4", ("title", "Simple one"), ("description", "desc"), ("visibility", "private")));

        var video = await response.ShouldBeJsonAsync(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().Should().Be($"/api/v1/videos/{video.GetProperty("id").GetString()}");
        video.GetProperty("title").GetString().Should().Be("Simple one");
        video.GetProperty("visibility").GetString().Should().Be("private");
        video.GetProperty("status").GetString().Should().Be("processing");
        video.GetProperty("stage").GetString().Should().Be("queued");
        var upload = await host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Uploads.AsNoTracking()
            .SingleAsync(u => u.VideoId == video.GetProperty("id").GetString()));
        upload.Length.Should().Be(file.Length);
        upload.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(file)));
        upload.Md5.Should().Be(Convert.ToHexStringLower(MD5.HashData(file)));
        upload.Filename.Should().Be("clip.mp4");
        upload.ContentType.Should().Be("video/mp4");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Without_a_title_the_file_name_is_used(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("notitle");

        var response = await user.Client.PostAsync("/api/v1/videos", Form(new byte[1000], "My trip to Oslo.mov"));

        (await response.ShouldBeJsonAsync(HttpStatusCode.Accepted)).GetProperty("title").GetString().Should().Be("My trip to Oslo");
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Bad_simple_uploads_are_refused_and_leave_nothing_behind(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api", settings: new Dictionary<string, string?> { ["Uploads:MaxBytes"] = "50000" });
        var user = await host.RegisterAsync("badup");

        await (await host.Client.PostAsync("/api/v1/videos", Form(new byte[10], "a.mp4"))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
        await (await user.Client.PostAsync("/api/v1/videos", Form(null, null, ("title", "no file")))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        await (await user.Client.PostAsync("/api/v1/videos", Form(new byte[100_000], "big.mp4"))).ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "upload.too_large");
        await (await user.Client.PostAsync("/api/v1/videos", Form(new byte[100], "a.mp4", ("visibility", "everyone")))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        using var json = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        await (await user.Client.PostAsync("/api/v1/videos", json)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");

        var staged = Path.Combine(host.Database.DataDirectory, "uploads");
        (Directory.Exists(staged) ? Directory.GetFiles(staged) : []).Should().BeEmpty("refused uploads leave no files");
        (await host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Videos.CountAsync())).Should().Be(0);
    }

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_multipart_body_that_ends_before_its_closing_boundary_is_400_and_leaves_nothing(string provider)
    {
        await using var host = await TestHost.StartAsync(provider, roles: "api");
        var user = await host.RegisterAsync("trunc");
        var head = "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp4\"\r\nContent-Type: video/mp4\r\n\r\n"u8.ToArray();
        var body = new ByteArrayContent([.. head, .. new byte[5000]]);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        var response = await user.Client.PostAsync("/api/v1/videos", body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        problem.ToString().Should().Contain("closing boundary");
        var staged = Path.Combine(host.Database.DataDirectory, "uploads");
        (Directory.Exists(staged) ? Directory.GetFiles(staged) : []).Should().BeEmpty("nothing half-written stays behind");
        (await host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Videos.CountAsync())).Should().Be(0);
    }

    private static MultipartFormDataContent Form(byte[]? file, string? filename, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            form.Add(part, "file", filename!);
        }
        return form;
    }
}
