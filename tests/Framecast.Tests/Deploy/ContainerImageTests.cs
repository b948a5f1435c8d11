using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Framecast.Tests.Support;
using Xunit.Abstractions;

namespace Framecast.Tests.Deploy;

/// <summary>
/// deploy/Containerfile built and run with podman on this machine (issue 18): the container answers /readyz, its
/// HEALTHCHECK passes, a clip uploaded through its API becomes ready, and `podman stop` ends it cleanly within the grace
/// period. In its own category: scripts/test.sh runs it after the other tests, so it does not share the CPU with them.
/// </summary>
[Trait("Category", "Container")]
public sealed class ContainerImageTests(ITestOutputHelper output)
{
    private const string Image = "localhost/framecast:ci";
    private const string BaseImage = "localhost/debian:bookworm";
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task The_image_serves_processes_an_upload_and_stops_within_the_grace_period()
    {
        var clock = Stopwatch.StartNew();
        // Podman, this VM's engine settings and the local Debian base (debootstrap) when missing; quick when all are there.
        await Podman.RunToolAsync("bash", ["deploy/ci/prepare-podman.sh", BaseImage], timeout: TimeSpan.FromMinutes(3));
        var prepared = clock.Elapsed;
        // No registry here: the base is the local Debian 12 and the .NET runtime is this machine's (DEPENDENCIES.md).
        await Podman.RunToolAsync("bash", ["deploy/build-image.sh", "--tag", Image, "--base", BaseImage, "--runtime-from-host", "--no-build"],
            timeout: TimeSpan.FromMinutes(4));
        var built = clock.Elapsed;

        var name = $"framecast-ci-{Guid.NewGuid():N}"[..24];
        // The HEALTHCHECK's timer needs systemd, which this machine lacks; it is run on demand below instead.
        await Podman.RunAsync("run", "-d", "--name", name, "--health-interval", "disable", "-p", "127.0.0.1::8080", Image);
        try
        {
            await ExerciseAsync(name);
            output.WriteLine($"container test: prepared in {prepared.TotalSeconds:F0} s, built in {(built - prepared).TotalSeconds:F0} s, total {clock.Elapsed.TotalSeconds:F0} s");
        }
        catch (Exception ex)
        {
            var logs = await Podman.RunToolAsync("podman", ["logs", "--tail", "200", name], check: false);
            throw new InvalidOperationException($"{ex.Message}\n--- podman logs {name} ---\n{logs.Output}", ex);
        }
        finally
        {
            await Podman.RunToolAsync("podman", ["rm", "-f", "-t", "0", name], check: false);
        }
    }

    private async Task ExerciseAsync(string name)
    {
        var port = (await Podman.RunAsync("port", name, "8080/tcp")).Stdout.Trim().Split(':').Last();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.TrueAsync(async () => await IsReadyAsync(client, name), "the container answers /readyz", TimeSpan.FromSeconds(60));
        (await Podman.RunToolAsync("podman", ["healthcheck", "run", name], check: false)).ExitCode.Should().Be(0, "the image's HEALTHCHECK passes");
        foreach (var library in new[] { "/lib/hls.min.js", "/lib/tus.min.js", "/lib/signalr.min.js", "/lib/danmaku.dom.min.js" })
        {
            (await client.GetAsync(library)).StatusCode.Should().Be(HttpStatusCode.OK, $"the pages' npm library {library} is in the image");
        }
        (await Podman.RunAsync("exec", name, "id", "-u")).Stdout.Trim().Should().Be(DeployFiles.ContainerUser().ToString(), "it runs as the non-root user");

        const string username = "container_ci";
        var created = await Podman.RunToolAsync("podman", ["exec", "-i", name, "framecast", "users", "create", username, "--password-stdin"], stdin: TestUser.Password);
        created.Stdout.Should().Contain($"Created user {username}");
        var session = await client.PostAsJsonAsync("/api/v1/sessions", new { username, password = TestUser.Password });
        var token = (await session.ShouldBeJsonAsync()).GetProperty("token").GetString()!;
        using var authed = new HttpClient { BaseAddress = client.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        authed.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var user = new TestUser("", username, token, authed);

        var id = await VideoUploads.UploadAsync(user, await TestClips.GetAsync("720p-audio.mp4"));
        var video = await VideoUploads.WaitForAsync(user, id, "ready", TimeSpan.FromMinutes(2));
        var master = await authed.GetAsync(video.GetProperty("hlsUrl").GetString());
        master.StatusCode.Should().Be(HttpStatusCode.OK, "ffmpeg inside the image wrote the HLS renditions");
        (await master.Content.ReadAsStringAsync()).Should().StartWith("#EXTM3U");

        var stopping = Stopwatch.StartNew();
        await Podman.RunToolAsync("podman", ["stop", "-t", ((int)StopGrace.TotalSeconds).ToString(), name], timeout: StopGrace * 2);
        stopping.Stop();
        var state = JsonDocument.Parse((await Podman.RunAsync("inspect", "--format", "{{json .State}}", name)).Stdout).RootElement;
        state.GetProperty("ExitCode").GetInt32().Should().Be(0, "SIGTERM (the image's STOPSIGNAL) ends the app cleanly, not a SIGKILL (137)");
        stopping.Elapsed.Should().BeLessThan(StopGrace, "the app exits on its own within the grace period");
        output.WriteLine($"container test: podman stop took {stopping.Elapsed.TotalSeconds:F1} s");
    }

    private static async Task<bool> IsReadyAsync(HttpClient client, string name)
    {
        var running = (await Podman.RunAsync("inspect", "--format", "{{.State.Running}}", name)).Stdout.Trim();
        if (running != "true")
        {
            throw new InvalidOperationException($"the container stopped before it was ready (running: {running})");
        }
        try
        {
            return (await client.GetAsync("/readyz")).StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
