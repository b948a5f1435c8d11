using Framecast.Features.Accounts;
using Framecast.Features.Live;
using Framecast.Features.Live.Broadcasts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Web.Pages;

/// <summary>
/// The broadcaster's live page: server URL and stream key, the settings new broadcasts take, and the broadcast going on
/// now with its ingest health. Works as plain forms; <c>js/studio-live/</c> does the same through the API in place.
/// </summary>
public sealed class StudioLiveModel(LiveChannelService channels, LiveBroadcasts broadcasts, LiveCutter cutter, IOptions<LiveOptions> options) : PageModel
{
    public LiveChannel Channel { get; private set; } = null!;

    /// <summary>The broadcast that has not ended (live or reconnecting), if any.</summary>
    public LiveSession? Session { get; private set; }

    /// <summary>Live, reconnecting, or null when offline (this node's view of the broadcast wins over the row's).</summary>
    public string? Status { get; private set; }

    /// <summary>Ingest health, when this node holds the broadcast.</summary>
    public BroadcastHealthResponse? Health { get; private set; }

    public string RtmpUrl { get; private set; } = "";

    public string HlsUrl => LiveSessionResponse.HlsUrlOf(User.Identity?.Name ?? "");

    public bool RevealKey { get; private set; }

    /// <summary>Without JavaScript, "Rotate key" first shows a confirmation (<c>?confirm=rotate</c>).</summary>
    public bool ConfirmRotate { get; private set; }

    public string? KeyNotice { get; private set; }

    public string? BroadcastNotice { get; private set; }

    public string? SettingsNotice { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The form's values: the saved ones, or what was posted when it was refused.</summary>
    public (string Title, string Description, string Tags, bool Record) Form { get; private set; }

    /// <param name="ended">A broadcast just ended from here: it reports itself live for a moment more, while its transcoder stops.</param>
    public async Task<IActionResult> OnGetAsync(string? notice, bool reveal, string? confirm, string? ended, CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is not { } userId)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        await LoadAsync(userId, cancellationToken, ended);
        RevealKey = reveal;
        ConfirmRotate = confirm == "rotate";
        switch (notice)
        {
            case "saved": SettingsNotice = "Live settings saved."; break;
            case "rotated": KeyNotice = RotatedNotice; break;
            case "ended": BroadcastNotice = EndedNotice; break;
            case "offline": BroadcastNotice = "You were not live."; break;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string? title, string? description, string? tags, bool record, CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is not { } userId)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        List<string?> tagList = [.. (tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var (saved, errors) = await channels.UpdateAsync(userId, new LiveSettingsRequest(title ?? "", description ?? "", tagList, record), cancellationToken);
        if (saved is not null)
        {
            return Redirect("/studio/live?notice=saved");
        }
        await LoadAsync(userId, cancellationToken);
        Errors = errors;
        Form = (title ?? "", description ?? "", tags ?? "", record);
        SettingsNotice = "The settings were not saved: see the messages next to the fields.";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRotateAsync(bool reveal, CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is not { } userId)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        var cut = await channels.CurrentSessionAsync(userId, cancellationToken);
        await channels.RotateKeyAsync(userId, cancellationToken);
        return Redirect($"/studio/live?notice=rotated{(reveal ? "&reveal=true" : "")}{(cut is null ? "" : $"&ended={Uri.EscapeDataString(cut.Id)}")}");
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is not { } userId)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        if (await channels.CurrentSessionAsync(userId, cancellationToken) is not { } session)
        {
            return Redirect("/studio/live?notice=offline");
        }
        await cutter.CutAsync(userId, cancellationToken);
        return Redirect($"/studio/live?notice=ended&ended={Uri.EscapeDataString(session.Id)}");
    }

    public const string RotatedNotice = "New stream key made. The old one no longer works: paste the new key into OBS.";

    public const string EndedNotice = "Broadcast ended. If OBS is still streaming, stop it there too: it reconnects and starts a new broadcast.";

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task LoadAsync(string userId, CancellationToken cancellationToken, string? ended = null)
    {
        Channel = await channels.GetOrCreateAsync(userId, cancellationToken);
        Form = (Channel.Title, Channel.Description, string.Join(", ", Channel.Tags), Channel.Record);
        Session = await channels.CurrentSessionAsync(userId, cancellationToken) is { } current && current.Id != ended ? current : null;
        var here = Session is not null && broadcasts.FindByUser(userId) is { } b && b.SessionId == Session.Id ? b : null;
        var status = here?.ReportedStatus ?? Session?.Status;
        Status = status is null or LiveSessionStatus.Ended ? null : status.Value.ToString().ToLowerInvariant();
        Health = Status is null ? null : here?.Health.Snapshot();
        RtmpUrl = options.Value.RtmpUrlFor(Request.Host.Host, broadcasts.RtmpPort);
    }
}
