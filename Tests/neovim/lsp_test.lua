-- Drives `cxj lsp` from Neovim's built-in LSP client, headless:
--   CXJ_BINARY=… CXJ_FILE=Examples/black-friday.cxj CXJ_OUT=result.json nvim --headless -u NONE -l … (0.9+)
--   or: nvim --headless -u NONE -c "luafile Tests/neovim/lsp_test.lua"
-- Writes what it saw to CXJ_OUT as JSON, then quits. Works with Neovim 0.7 and later.
local binary = os.getenv("CXJ_BINARY")
local file = os.getenv("CXJ_FILE")
local out = os.getenv("CXJ_OUT")
local result = { codes = {}, definition = nil, formatted = false, errors = {} }

local function finish()
  local handle = io.open(out, "w")
  handle:write(vim.fn.json_encode(result))
  handle:close()
  vim.cmd("qa!")
end

local ok, failure = pcall(function()
  vim.cmd("edit " .. file)
  local buffer = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({ name = "cxj", cmd = { binary, "lsp" }, root_dir = vim.fn.getcwd() })
  vim.lsp.buf_attach_client(buffer, client)
  vim.wait(15000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
  for _, diagnostic in ipairs(vim.diagnostic.get(buffer)) do
    table.insert(result.codes, diagnostic.code or (diagnostic.user_data and diagnostic.user_data.lsp and diagnostic.user_data.lsp.code))
  end
  -- Go to the definition of the first `owner` reference.
  local lines = vim.api.nvim_buf_get_lines(buffer, 0, -1, false)
  for number, line in ipairs(lines) do
    local column = line:find("owner ")
    if column then
      local params = { textDocument = { uri = vim.uri_from_bufnr(buffer) }, position = { line = number - 1, character = column + 6 } }
      local responses = vim.lsp.buf_request_sync(buffer, "textDocument/definition", params, 5000) or {}
      for _, response in pairs(responses) do
        local location = response.result
        if location and location[1] then location = location[1] end
        if location and location.uri then result.definition = location.uri end
      end
      break
    end
  end
  -- Format the buffer (after making it untidy) and apply the edits.
  vim.api.nvim_buf_set_lines(buffer, 0, 0, false, { "" , "" })
  vim.lsp.buf_notify(buffer, "textDocument/didChange", {
    textDocument = { uri = vim.uri_from_bufnr(buffer), version = 99 },
    contentChanges = { { text = table.concat(vim.api.nvim_buf_get_lines(buffer, 0, -1, false), "\n") .. "\n" } },
  })
  local responses = vim.lsp.buf_request_sync(buffer, "textDocument/formatting",
    { textDocument = { uri = vim.uri_from_bufnr(buffer) }, options = { tabSize = 2, insertSpaces = true } }, 5000) or {}
  for _, response in pairs(responses) do
    if response.result and #response.result > 0 then
      vim.lsp.util.apply_text_edits(response.result, buffer, "utf-16")
      result.formatted = vim.api.nvim_buf_get_lines(buffer, 0, 1, false)[1] ~= ""
    end
  end
end)
if not ok then table.insert(result.errors, tostring(failure)) end
finish()
