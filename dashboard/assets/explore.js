/* Number formatting for the explorer's AG Grid table, in the page's language (Intl, offline). */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

dagfuncs.exNumber = function (value, lang, unit) {
    if (value === null || value === undefined || Number.isNaN(value)) {
        return "";
    }
    var locale = lang === "en" ? "en-US" : "id-ID";
    if (unit === "ratio") {
        return new Intl.NumberFormat(locale, {style: "percent", maximumFractionDigits: 2})
            .format(value);
    }
    var digits = Math.abs(value) >= 100 ? 1 : 3;
    return new Intl.NumberFormat(locale, {maximumFractionDigits: digits}).format(value);
};
