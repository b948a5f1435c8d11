using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Framecast.BrowserTests.Support;

/// <summary>
/// Makes the shared video through the HTTP API (not the pages): the accessibility and header tests look at pages
/// that need a video, and must not fail only because the upload page does.
/// </summary>
public static class ApiSeeder
{
    public static async Task<SeededVideo> SeedAsync(Uri address, string clip)
    {
        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var username = TestUsers.NewName("seed");
        using var registered = await http.PostAsJsonAsync("/api/v1/users", new { username, password = TestUsers.Password });
        await EnsureAsync(registered, "registering the seed user");
        var token = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var title = "Seeded " + username;
        using var form = new MultipartFormDataContent();
        var file = new StreamContent(File.OpenRead(clip));
        file.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        form.Add(file, "file", Path.GetFileName(clip));
        form.Add(new StringContent(title), "title");
        form.Add(new StringContent("Made by the browser tests."), "description");
        form.Add(new StringContent("public"), "visibility");
        using var uploaded = await http.PostAsync("/api/v1/videos", form);
        await EnsureAsync(uploaded, "uploading the seed video");
        var id = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var clock = Stopwatch.StartNew();
        while (true)
        {
            var video = await http.GetFromJsonAsync<JsonElement>($"/api/v1/videos/{id}");
            var status = video.GetProperty("status").GetString();
            if (status == "ready")
            {
                return new SeededVideo(username, TestUsers.Password, id, title);
            }
            if (status == "failed" || clock.Elapsed > TimeSpan.FromSeconds(90))
            {
                throw new InvalidOperationException($"The seed video did not become ready: {video}");
            }
            await Task.Delay(250);
        }
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
