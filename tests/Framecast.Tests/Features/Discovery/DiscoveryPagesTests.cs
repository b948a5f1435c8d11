using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Discovery;

/// <summary>The discovery parts of the pages, as plain HTML: the home page's Continue watching row, resuming and related videos on the watch page.</summary>
public sealed class DiscoveryPagesTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Continue_watching_and_resume_follow_the_history_of_the_signed_in_viewer(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var owner = await host.RegisterAsync("pown");
        var me = await host.RegisterAsync("pme");
        var video = await host.CreateVideoAsync(owner, "half watched", tags: ["pages"]);
        var finished = await host.CreateVideoAsync(owner, "watched to the end");
        var other = await host.CreateVideoAsync(owner, "same channel");
        foreach (var id in new[] { video.Id, finished.Id })
        {
            await host.SetVideoAsync(id, v => { v.DurationSeconds = 100; v.Playable = true; });
        }
        await me.Client.PutProgressAsync(video.Id, 40);
        await me.Client.PutProgressAsync(finished.Id, 99);

        var home = await me.Client.GetStringAsync("/");
        home.Should().Contain("<h2 id=\"continue-heading\">Continue watching</h2>");
        var row = home[home.IndexOf("continue-heading", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</section>", StringComparison.Ordinal)];
        row.Should().Contain($"href=\"/v/{video.Id}\"").And.Contain("value=\"40\"").And.Contain("aria-label=\"Watched 40% of half watched\"");
        row.Should().NotContain(finished.Id, "a video watched to its last 5 % is done");
        (await host.Client.GetStringAsync("/")).Should().NotContain("Continue watching", "signed out there is no history");

        var watch = await me.Client.GetStringAsync($"/v/{video.Id}");
        watch.Should().Contain("data-resume=\"40\"").And.Contain($"data-progress-url=\"/api/v1/videos/{video.Id}/progress\"");
        watch.Should().Contain("<h2 id=\"related-heading\">Related videos</h2>").And.Contain($"href=\"/v/{other.Id}\"");
        (await me.Client.GetStringAsync($"/v/{finished.Id}")).Should().Contain("data-resume=\"\"", "near the end starts over");
        var anonymous = await host.Client.GetStringAsync($"/v/{video.Id}");
        anonymous.Should().Contain("data-resume=\"\"").And.Contain("data-progress-url=\"\"");
    }
}
