using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Accounts;

public sealed class SessionExpiryTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sessions_slide_while_used_and_expire_when_idle_past_the_ttl(string provider)
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var host = await TestHost.StartAsync(provider, roles: "api",
            settings: new Dictionary<string, string?> { ["Auth:SessionTtl"] = "30.00:00:00" },
            services: s => s.AddSingleton<TimeProvider>(clock));
        var user = await host.RegisterAsync("slide");

        clock.Advance(TimeSpan.FromDays(20));
        (await user.Client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        clock.Advance(TimeSpan.FromDays(20));
        (await user.Client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.OK, "the use at day 20 pushed the expiry to day 50");
        clock.Advance(TimeSpan.FromDays(31));
        (await user.Client.GetAsync("/api/v1/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "idle for longer than the TTL");
    }
}
