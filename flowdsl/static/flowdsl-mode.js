// flowdsl syntax colours for CodeMirror 5 (simple mode). The keyword lists come from
// the server (GET /api/syntax), read from the grammar: both keyword languages.
/* global CodeMirror */
(function () {
  "use strict";
  var AFTER = "(?![\\p{L}\\p{N}_.])";  // a keyword is not followed by another word character

  function escape(word) { return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }
  function words(list) { return new RegExp("(?:" + list.map(escape).join("|") + ")" + AFTER, "u"); }

  window.defineFlowdslMode = function (syntax) {
    CodeMirror.defineSimpleMode("flowdsl", {
      start: [
        {regex: /(?:#|\/\/).*/, token: "comment"},
        {regex: /"(?:\\.|[^"\\])*"?/, token: "string"},
        {regex: /“[^”]*”?/, token: "string"},
        {regex: new RegExp("FD[0-9]{3}" + AFTER, "u"), token: "qualifier"},
        {regex: /(-[[【]|=[[【])([^\]】]*)([\]】](?:->|=>)?)/, token: ["operator", "string-2", "operator"]},
        {regex: /->|=>|→|⇒/, token: "operator"},
        {regex: words(syntax.keywords), token: "keyword"},
        {regex: words(syntax.constants), token: "atom"},
        {regex: new RegExp("[A-Za-z]{0,2}[0-9]+(?:\\.[0-9]+)*" + AFTER, "u"), token: "number"},
        {regex: /[\p{L}\p{N}_][\p{L}\p{N}_.]*/u, token: "variable"},
        {regex: /[{}()（）[\]【】|+=:：,，、＝;；]/, token: "bracket"},
        {regex: /\s+/, token: null},
        {regex: /./, token: null}
      ],
      meta: {lineComment: "#"}
    });
  };
})();
