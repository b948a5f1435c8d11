using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Framecast.Tests.Support;

/// <summary>Uploads a file through the simple multipart API and follows the video through processing.</summary>
public static class VideoUploads
{
    public static async Task<string> UploadAsync(TestUser user, string path, string visibility = "public")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(visibility), "visibility");
        var file = new StreamContent(File.OpenRead(path));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", Path.GetFileName(path));
        var response = await user.Client.PostAsync("/api/v1/videos", form);
        return (await response.ShouldBeJsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!;
    }

    public static async Task<JsonElement> GetAsync(TestUser user, string id) =>
        await (await user.Client.GetAsync($"/api/v1/videos/{id}")).ShouldBeJsonAsync();

    /// <summary>Waits until the video is <paramref name="status"/> (or failed, which is then asserted against).</summary>
    public static async Task<JsonElement> WaitForAsync(TestUser user, string id, string status, TimeSpan? within = null)
    {
        JsonElement video = default;
        await Eventually.TrueAsync(async () => (video = await GetAsync(user, id)).GetProperty("status").GetString() is var s && (s == status || s == "failed"),
            $"the video becomes {status}", within ?? TimeSpan.FromSeconds(120));
        video.GetProperty("status").GetString().Should().Be(status, video.ToString());
        return video;
    }

    public static async Task<JsonElement> UploadAndWaitAsync(TestUser user, string path, string status) =>
        await WaitForAsync(user, await UploadAsync(user, path), status);
}
