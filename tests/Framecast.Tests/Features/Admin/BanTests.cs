using System.Net;
using System.Net.Http.Json;
using Framecast.Tests.Features.Chat;
using Framecast.Tests.Support;

namespace Framecast.Tests.Features.Admin;

public sealed class BanTests
{
    [Theory, MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_ban_ends_sessions_refuses_sign_in_with_the_reason_and_hides_the_channel_until_lifted(string provider)
    {
        var host = await SharedHosts.GetAsync(provider);
        var admin = await host.CreateAdminAsync();
        var user = await host.RegisterAsync("bn");
        var word = "banword" + Guid.NewGuid().ToString("N")[..8];
        var video = await host.CreateVideoAsync(user, $"Clip {word}");
        (await host.PublicVideoIdsAsync($"/api/v1/search?q={word}")).Should().Equal(video.Id);
        var elsewhere = await host.CreateVideoAsync(admin, "Somebody else's video");
        await host.SetVideoAsync(elsewhere.Id, v => v.DurationSeconds = 30);
        using (var comment = await user.Client.PostAsJsonAsync($"/api/v1/videos/{elsewhere.Id}/comments", new { content = "buy now" }))
        {
            comment.StatusCode.Should().Be(HttpStatusCode.Created);
        }
        await user.Client.PostDanmakuOkAsync(elsewhere.Id, 1000, "buy now");

        using (var ban = await admin.PostJsonAsync($"/api/v1/admin/users/{user.Username}/ban", new { reason = "Spam <b>links</b>" }))
        {
            var body = await ban.ShouldBeJsonAsync();
            body.GetProperty("banned").GetProperty("reason").GetString().Should().Be("Spam <b>links</b>");
        }

        using (var me = await user.Client.GetAsync("/api/v1/me"))
        {
            me.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the ban ended the session");
        }
        using (var login = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = TestUser.Password }))
        {
            var problem = await login.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "auth.banned");
            problem.GetProperty("detail").GetString().Should().Contain("Spam <b>links</b>");
        }
        using (var wrong = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = "not the password" }))
        {
            await wrong.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "auth.invalid_credentials");
        }
        (await host.PublicVideoIdsAsync($"/api/v1/search?q={word}")).Should().BeEmpty("a banned account's videos leave the index");
        (await host.PublicVideoIdsAsync("/api/v1/videos?limit=100")).Should().NotContain(video.Id);
        using (var channels = await host.Client.GetAsync($"/api/v1/search?q={user.Username}&type=channel"))
        {
            (await channels.ShouldBeJsonAsync()).GetProperty("items").GetArrayLength().Should().Be(0, "nor is the channel found");
        }
        using (var channel = await host.Client.GetAsync($"/api/v1/users/{user.Username}/videos"))
        {
            channel.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        using (var watch = await host.Client.GetAsync($"/api/v1/videos/{video.Id}"))
        {
            watch.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }
        using (var page = await host.Client.GetAsync($"/u/{user.Username}"))
        {
            page.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        (await host.PublicVideoIdsAsync($"/api/v1/videos/{elsewhere.Id}/comments")).Should().BeEmpty("its comments are hidden too");
        (await host.Client.DanmakuAsync(elsewhere.Id)).Should().BeEmpty("and its danmaku");

        using (var lift = await admin.Client.DeleteAsync($"/api/v1/admin/users/{user.Username}/ban"))
        {
            (await lift.ShouldBeJsonAsync()).GetProperty("banned").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        }
        (await host.PublicVideoIdsAsync($"/api/v1/search?q={word}")).Should().Equal(video.Id);
        (await host.PublicVideoIdsAsync($"/api/v1/videos/{elsewhere.Id}/comments")).Should().HaveCount(1);
        (await host.Client.DanmakuAsync(elsewhere.Id)).Should().HaveCount(1);
        using (var login = await host.Client.PostAsJsonAsync("/api/v1/sessions", new { username = user.Username, password = TestUser.Password }))
        {
            login.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var bans = await admin.AuditAsync("user.ban");
        var entry = bans.First(e => e.GetProperty("targetId").GetString() == user.Username);
        entry.GetProperty("actor").GetProperty("username").GetString().Should().Be(admin.Username);
        entry.GetProperty("detail").GetString().Should().Contain("Spam");
        entry.GetProperty("address").GetString().Should().NotBeNullOrEmpty();
        (await admin.AuditAsync("user.unban")).Should().Contain(e => e.GetProperty("targetId").GetString() == user.Username);
    }

    [Fact]
    public async Task Admins_cannot_ban_themselves_and_a_reason_is_required()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var admin = await host.CreateAdminAsync();
        using (var self = await admin.PostJsonAsync($"/api/v1/admin/users/{admin.Username}/ban", new { reason = "oops" }))
        {
            await self.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "admin.self");
        }
        using (var noReason = await admin.PostJsonAsync($"/api/v1/admin/users/{admin.Username}/ban", new { reason = " " }))
        {
            await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation.failed");
        }
        using (var unknown = await admin.PostJsonAsync("/api/v1/admin/users/nobody_here_at_all/ban", new { reason = "x" }))
        {
            await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "user.not_found");
        }
        (await admin.AuditAsync("user.ban")).Should().NotContain(e => e.GetProperty("targetId").GetString() == admin.Username,
            "refused actions are not recorded as done");
    }

    [Fact]
    public async Task Admin_rights_can_be_granted_and_revoked_but_not_by_oneself()
    {
        var host = await SharedHosts.GetAsync("sqlite");
        var admin = await host.CreateAdminAsync();
        var user = await host.RegisterAsync("gr");
        (await (await admin.PostJsonAsync($"/api/v1/admin/users/{user.Username}/admin")).ShouldBeJsonAsync()).GetProperty("isAdmin").GetBoolean().Should().BeTrue();
        using (var asAdmin = await user.Client.GetAsync("/api/v1/admin/users"))
        {
            asAdmin.StatusCode.Should().Be(HttpStatusCode.OK, "the role is read from the account on every request");
        }
        using (var revokeSelf = await admin.Client.DeleteAsync($"/api/v1/admin/users/{admin.Username}/admin"))
        {
            await revokeSelf.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "admin.self");
        }
        using (var revoke = await admin.Client.DeleteAsync($"/api/v1/admin/users/{user.Username}/admin"))
        {
            (await revoke.ShouldBeJsonAsync()).GetProperty("isAdmin").GetBoolean().Should().BeFalse();
        }
        using (var endSessions = await admin.PostJsonAsync($"/api/v1/admin/users/{user.Username}/sessions/end"))
        {
            endSessions.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }
        using (var me = await user.Client.GetAsync("/api/v1/me"))
        {
            me.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }
        using var list = await admin.Client.GetAsync($"/api/v1/admin/users?q={user.Username}");
        var items = (await list.ShouldBeJsonAsync()).GetProperty("items");
        items.GetArrayLength().Should().Be(1);
        (await admin.AuditAsync("user.sessions_end")).Should().Contain(e => e.GetProperty("targetId").GetString() == user.Username);
    }
}
