using System.Security.Cryptography;
using System.Text.Json;
using Framecast.Infrastructure.Data;
using Framecast.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Framecast.Tests.Features.Uploads;

/// <summary>The real tus-js-client (from npm, run with Node) against a real Framecast.</summary>
public sealed class TusJsClientTests
{
    private static readonly string ClientDir = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "Features", "Uploads", "tus-js"));
    private static readonly Lazy<Task> NpmInstall = new(() => ToolRunner.RunAsync("npm", ["ci", "--no-audit", "--no-fund"], ClientDir));

    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_interrupted_upload_is_resumed_by_a_new_client_from_the_stored_url(string provider)
    {
        await NpmInstall.Value;
        var host = await SharedHosts.GetAsync(provider);
        var user = await host.RegisterAsync("tusjs");
        var file = Path.Combine(host.Database.DataDirectory, $"clip-{Guid.NewGuid():N}.bin");
        var bytes = RandomNumberGenerator.GetBytes(700_000);
        await File.WriteAllBytesAsync(file, bytes);
        var endpoint = new Uri(host.Address, "/api/v1/uploads").ToString();

        var first = await UploadAsync(endpoint, user.Token, file, "--stop-after", "200000");
        first.GetProperty("done").GetBoolean().Should().BeFalse();
        var url = first.GetProperty("url").GetString()!;
        var offset = (await user.Client.SendAsync(TusClient.Head(url))).Offset();
        offset.Should().BeInRange(1, bytes.Length - 1, "the first client stopped part-way");

        var second = await UploadAsync(endpoint, user.Token, file, "--resume-url", url);

        second.GetProperty("done").GetBoolean().Should().BeTrue();
        second.GetProperty("url").GetString().Should().Be(url, "the new client continued the same upload");
        var videoId = second.GetProperty("videoId").GetString();
        videoId.Should().NotBeNullOrEmpty("the final PATCH carries Framecast-Video-Id");
        var upload = await host.WithScopeAsync(sp => sp.GetRequiredService<FramecastDbContext>().Uploads.AsNoTracking().SingleAsync(u => u.VideoId == videoId));
        upload.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static async Task<JsonElement> UploadAsync(string endpoint, string token, string file, params string[] extra)
    {
        var (output, _) = await ToolRunner.RunAsync("node", ["upload.mjs", endpoint, token, file, "65536", .. extra], ClientDir);
        return JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
    }
}
