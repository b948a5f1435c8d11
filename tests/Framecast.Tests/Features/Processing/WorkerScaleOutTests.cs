using System.Net;
using System.Net.Http.Headers;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Processing;

/// <summary>An api-only process takes the upload; a separate <c>serve --roles worker</c> process on the same PostgreSQL and media folder processes it.</summary>
public sealed class WorkerScaleOutTests
{
    [Fact]
    public async Task A_worker_only_process_processes_what_an_api_only_process_accepted()
    {
        var database = await TestDatabase.CreateAsync("postgres");
        await using var api = await TestHost.StartAsync("postgres", database, roles: "api");
        var env = CliRunner.Environment(database);
        env["FRAMECAST__PROCESSING__LADDER__0"] = "240p";
        using var worker = CliRunner.Start(["serve", "--roles", "worker", "--urls", $"http://127.0.0.1:{CliRunner.FreePort()}"], env);
        worker.OutputDataReceived += (_, _) => { };
        worker.ErrorDataReceived += (_, _) => { };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        try
        {
            var user = await api.RegisterAsync("scale");
            using var form = new MultipartFormDataContent();
            var clip = new StreamContent(File.OpenRead(await TestClips.GetAsync("720p-audio.mp4")));
            clip.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
            form.Add(clip, "file", "clip.mp4");
            var id = (await (await user.Client.PostAsync("/api/v1/videos", form)).ShouldBeJsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;

            await Eventually.TrueAsync(async () => (await (await user.Client.GetAsync($"/api/v1/videos/{id}")).ShouldBeJsonAsync()).GetProperty("status").GetString() == "ready",
                "the worker process publishes the video", TimeSpan.FromSeconds(120));
            File.Exists(Path.Combine(database.DataDirectory, "media", id, "hls", "master.m3u8")).Should().BeTrue();
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
    }
}
