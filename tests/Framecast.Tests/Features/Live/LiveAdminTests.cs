using System.Net;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Live;

/// <summary>Admins end any broadcast (POST /api/v1/admin/live/{username}/end) and revoke any stream key (…/key); nobody else may.</summary>
public sealed class LiveAdminTests(LiveAdminHostFixture fixture) : IClassFixture<LiveAdminHostFixture>
{
    [Fact]
    public async Task Only_admins_may_end_broadcasts_or_revoke_keys()
    {
        var owner = await fixture.Host.RegisterAsync("adm_own");
        var other = await fixture.Host.RegisterAsync("adm_other");
        var key = await owner.StreamKeyAsync();
        await using var publisher = LiveTestKit.Publish(fixture.RtmpPort, key);
        try
        {
            await fixture.Host.Client.WaitLiveAsync(owner.Username);
            var anonymous = fixture.Host.NewClient();
            foreach (var action in new[] { "end", "key" })
            {
                var path = $"/api/v1/admin/live/{owner.Username}/{action}";
                await (await anonymous.PostAsync(path, null)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.required");
                await (await other.Client.PostAsync(path, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
                await (await owner.Client.PostAsync(path, null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.forbidden");
            }

            (await owner.StreamKeyAsync()).Should().Be(key, "no refused call changed the key");
            publisher.HasExited.Should().BeFalse("no refused call cut the publisher");
            (await fixture.Host.Client.ChannelLiveAsync(owner.Username))!.Value.GetProperty("status").GetString().Should().Be("live");
        }
        finally
        {
            await owner.EndQuietlyAsync();
        }
    }

    [Fact]
    public async Task Ending_a_channel_that_is_not_live_is_404_offline_and_revoking_an_unknown_channel_is_404()
    {
        var idle = await fixture.Host.RegisterAsync("adm_idle");
        await idle.StreamKeyAsync();

        await (await fixture.Admin.Client.PostAsync($"/api/v1/admin/live/{idle.Username}/end", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        await (await fixture.Admin.Client.PostAsync("/api/v1/admin/live/nobody_by_that_name/end", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
        await (await fixture.Admin.Client.PostAsync("/api/v1/admin/live/nobody_by_that_name/key", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
    }

    [Fact]
    public async Task An_admin_ends_a_broadcast_the_publisher_is_cut_and_the_owner_may_go_live_again_with_the_same_key()
    {
        var owner = await fixture.Host.RegisterAsync("adm_end");
        var key = await owner.StreamKeyAsync();
        try
        {
            string sessionId;
            await using (var publisher = LiveTestKit.Publish(fixture.RtmpPort, key))
            {
                sessionId = (await fixture.Host.Client.WaitLiveAsync(owner.Username)).GetProperty("sessionId").GetString()!;

                using var end = await fixture.Admin.Client.PostAsync($"/api/v1/admin/live/{owner.Username.ToUpperInvariant()}/end", null);

                end.StatusCode.Should().Be(HttpStatusCode.NoContent, await end.Content.ReadAsStringAsync());
                await publisher.ExitAsync(LiveProductKit.ExitWithin);
            }
            await fixture.Host.Client.WaitOfflineAsync(owner.Username);
            (await owner.BroadcastAsync()).Should().BeNull("ended, not waiting for the encoder");
            await (await fixture.Host.Client.GetAsync(LiveTestKit.MasterUrl(owner.Username))).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");
            await (await fixture.Admin.Client.PostAsync($"/api/v1/admin/live/{owner.Username}/end", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "live.offline");

            (await owner.StreamKeyAsync()).Should().Be(key, "ending a broadcast leaves the key alone");
            await using var again = LiveTestKit.Publish(fixture.RtmpPort, key);
            var next = await fixture.Host.Client.WaitLiveAsync(owner.Username);
            next.GetProperty("sessionId").GetString().Should().NotBe(sessionId, "a new broadcast");
        }
        finally
        {
            await owner.EndQuietlyAsync();
        }
    }

    [Fact]
    public async Task An_admin_revokes_a_key_the_publisher_is_cut_and_the_old_key_is_refused()
    {
        var owner = await fixture.Host.RegisterAsync("adm_key");
        var oldKey = await owner.StreamKeyAsync();
        try
        {
            await using (var publisher = LiveTestKit.Publish(fixture.RtmpPort, oldKey))
            {
                await fixture.Host.Client.WaitLiveAsync(owner.Username);

                using var revoke = await fixture.Admin.Client.PostAsync($"/api/v1/admin/live/{owner.Username}/key", null);

                revoke.StatusCode.Should().Be(HttpStatusCode.NoContent, await revoke.Content.ReadAsStringAsync());
                await publisher.ExitAsync(LiveProductKit.ExitWithin);
            }
            var newKey = await owner.StreamKeyAsync();
            newKey.Should().NotBe(oldKey).And.StartWith("live_");
            await fixture.Host.Client.WaitOfflineAsync(owner.Username);
            (await owner.BroadcastAsync()).Should().BeNull("a revoked key's broadcast ends at once, no reconnect window");

            await using (var stale = LiveTestKit.Publish(fixture.RtmpPort, oldKey, seconds: 5))
            {
                (await stale.ExitAsync(LiveProductKit.ExitWithin)).Should().NotBe(0);
                stale.Stderr.Should().Contain("Unknown stream key");
            }
            (await owner.BroadcastAsync()).Should().BeNull();
        }
        finally
        {
            await owner.EndQuietlyAsync();
        }
    }
}
