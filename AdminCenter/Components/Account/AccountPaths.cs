namespace AdminCenter.Components.Account;

/// <summary>The account pages' paths, for the code outside them that routes, limits or lets requests through.</summary>
internal static class AccountPaths
{
    /// <summary>The sign-in page (<c>Login.razor</c>): its form is posted back to the same path.</summary>
    public const string SignIn = "/Account/Login";
}
