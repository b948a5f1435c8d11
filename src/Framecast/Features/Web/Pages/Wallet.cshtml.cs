using Framecast.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Framecast.Features.Web.Pages;

/// <summary>
/// The viewer's coins: balance, earnings, history and the voucher form. The page is a frame; <c>js/wallet/main.js</c>
/// reads and redeems through <c>/api/v1/me/wallet</c>, so Web does not depend on the Wallet feature.
/// </summary>
public sealed class WalletModel : PageModel
{
    public IActionResult OnGet() =>
        Viewer.From(User).UserId is null ? Redirect(LocalReturnUrl.LoginFor(Request)) : Page();
}
