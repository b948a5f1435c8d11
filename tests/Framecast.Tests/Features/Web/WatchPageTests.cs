using System.Net;
using System.Net.Http.Json;
using Framecast.Features.Web;
using Framecast.Tests.Features.Playback;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Web;

public sealed class WatchPageTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_view_counts_once_per_viewer(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("views");
        var (video, _) = await MediaFixture.CreateReadyAsync(host, owner);
        var page = $"/v/{video.Id}";

        var first = await host.NewClient().GetAsync(page);
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var viewerCookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("fc_viewer=", StringComparison.Ordinal)).Split(';')[0];
        for (var i = 0; i < 2; i++)
        {
            using var again = new HttpRequestMessage(HttpMethod.Get, page);
            again.Headers.Add("Cookie", viewerCookie);
            (await host.NewClient().SendAsync(again)).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        (await ViewsAsync(host, video.Id)).Should().Be(1, "the same anonymous viewer came back");

        await host.NewClient().GetAsync(page);
        (await owner.Client.GetAsync(page)).StatusCode.Should().Be(HttpStatusCode.OK);
        await owner.Client.GetAsync(page);
        (await ViewsAsync(host, video.Id)).Should().Be(3, "one more anonymous viewer and one signed-in viewer");
        (await host.Client.GetStringAsync(page)).Should().Contain("4 views", "a new anonymous viewer sees their own view counted");
    }

    [Fact]
    public async Task A_video_still_processing_says_so_to_its_owner_and_is_not_found_by_others()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var owner = await host.RegisterAsync("proc");
        var video = await host.CreateVideoAsync(owner, "Still <b>cooking</b>", status: Framecast.Features.Videos.VideoStatus.Processing);
        await host.SetVideoAsync(video.Id, v => v.Progress = 42);

        var mine = await owner.Client.GetAsync($"/v/{video.Id}");
        mine.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await mine.Content.ReadAsStringAsync();
        html.Should().Contain("still processing").And.Contain("42%").And.NotContain("id=\"player\"");
        html.Should().Contain("Still &lt;b&gt;cooking&lt;/b&gt;", "titles are encoded").And.NotContain("<b>cooking</b>");
        (await host.FindVideoRowAsync(video.Id))!.Views.Should().Be(0, "nothing could be watched yet");

        var theirs = await host.NewClient().GetAsync($"/v/{video.Id}");
        theirs.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await theirs.Content.ReadAsStringAsync()).Should().Contain("Page not found");
        (await host.Client.GetStringAsync("/")).Should().NotContain(video.Id, "home lists ready videos only");
    }

    [Fact]
    public async Task Pages_that_need_a_user_send_anonymous_visitors_to_log_in_and_back()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.Address };
        foreach (var path in new[] { "/upload", "/studio" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.Redirect, path);
            response.Headers.Location!.ToString().Should().Be($"/login?returnUrl={Uri.EscapeDataString(path)}");
        }
    }

    [Fact]
    public async Task Unknown_pages_are_a_friendly_404_while_api_paths_keep_problem_json()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var page = await host.Client.GetAsync("/no/such/page");
        page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        page.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await page.Content.ReadAsStringAsync()).Should().Contain("<h1>Page not found</h1>");
        page.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self';").And.NotContain("unsafe-inline");

        var api = await host.Client.GetAsync("/api/v1/no/such/route");
        api.StatusCode.Should().Be(HttpStatusCode.NotFound);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    private static async Task<long> ViewsAsync(TestHost host, string id) =>
        (await host.Client.GetFromJsonAsync<ViewsBody>($"/api/v1/videos/{id}"))!.Views;

    private sealed record ViewsBody(long Views);
}
