using Framecast.Features.Accounts;
using Framecast.Features.Processing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

public sealed class StudioWatermarkModel(WatermarkService watermarks) : PageModel
{
    public ChannelWatermark? Current { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? notice, CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is not { } userId)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        Current = await watermarks.FindAsync(userId, cancellationToken);
        Notice = notice switch
        {
            "saved" => "Watermark saved. New uploads will carry it.",
            "removed" => "Watermark removed.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(IFormFile? file, string? position, string? opacityPercent, string? widthPercent, CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is not { } userId)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        var opacity = int.TryParse(opacityPercent, out var percent) ? (percent / 100.0).ToString(System.Globalization.CultureInfo.InvariantCulture) : opacityPercent;
        await using var png = file?.OpenReadStream();
        var errors = await watermarks.SaveAsync(userId, png, position, opacity, widthPercent, cancellationToken);
        if (errors.Count == 0)
        {
            return Redirect("/studio/watermark?notice=saved");
        }
        Errors = errors;
        Current = await watermarks.FindAsync(userId, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is not { } userId)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        await watermarks.DeleteAsync(userId, cancellationToken);
        return Redirect("/studio/watermark?notice=removed");
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
