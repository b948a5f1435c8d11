using System.Globalization;
using Framecast.Features.Accounts;
using Framecast.Features.Processing;
using Framecast.Features.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Web.Pages;

public sealed class UploadModel(IOptions<UploadsOptions> uploads, WatermarkService watermarks) : PageModel
{
    /// <summary>The channel has a watermark, which new uploads carry unless the box is cleared.</summary>
    public bool HasWatermark { get; private set; }

    public long MaxBytes => uploads.Value.MaxBytes;

    public string MaxSizeText => MaxBytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{MaxBytes / (double)(1L << 30):0.#} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{MaxBytes / (double)(1L << 20):0.#} MiB");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Viewer.From(User).UserId is not { } userId)
        {
            return Redirect(LocalReturnUrl.LoginFor(Request));
        }
        HasWatermark = await watermarks.FindAsync(userId, cancellationToken) is not null;
        return Page();
    }
}
