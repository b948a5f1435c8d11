using System.Globalization;
using Framecast.Features.Uploads;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Framecast.Features.Web.Pages;

public sealed class UploadModel(IOptions<UploadsOptions> uploads) : PageModel
{
    public long MaxBytes => uploads.Value.MaxBytes;

    public string MaxSizeText => MaxBytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{MaxBytes / (double)(1L << 30):0.#} GiB")
        : string.Create(CultureInfo.InvariantCulture, $"{MaxBytes / (double)(1L << 20):0.#} MiB");

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? Page() : Redirect(LocalReturnUrl.LoginFor(Request));
}
