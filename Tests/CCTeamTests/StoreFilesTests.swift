import CCTestSupport
import Foundation
import Testing

@testable import CCTeam

@Suite("Store files: replacing a task file")
struct StoreFilesTests {
    func inode(_ path: String) throws -> UInt64 {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    @Test func aNewFileTakesTheSpareItsPlace() throws {
        let folder = try TemporaryDirectory(prefix: "ccteam-files")
        let path = folder.url.path + "/1.json", spare = folder.url.path + "/.spare"
        try StoreFiles.replace(path, with: Array("first\n".utf8), spare: spare, sync: false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first\n")
        #expect(!FileManager.default.fileExists(atPath: spare))
    }

    @Test func anExistingFileIsSwappedWithTheSpareSoNoInodeIsSpent() throws {
        let folder = try TemporaryDirectory(prefix: "ccteam-files")
        let path = folder.url.path + "/1.json", spare = folder.url.path + "/.spare"
        try StoreFiles.replace(path, with: Array("first, a longer version\n".utf8), spare: spare, sync: false)
        try StoreFiles.replace(path, with: Array("second\n".utf8), spare: spare, sync: true)
        let inodes = [try inode(path), try inode(spare)]
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second\n")
        #expect(try String(contentsOfFile: spare, encoding: .utf8) == "first, a longer version\n")

        try StoreFiles.replace(path, with: Array("third\n".utf8), spare: spare, sync: false)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "third\n")
        // The two inodes only trade places.
        #expect([try inode(path), try inode(spare)] == inodes.reversed())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == [".spare", "1.json"])
    }

    @Test func aFolderThatIsGoneIsAnErrorNamingThePath() throws {
        let folder = try TemporaryDirectory(prefix: "ccteam-files")
        let path = folder.url.path + "/missing/1.json", spare = folder.url.path + "/missing/.spare"
        #expect(throws: TaskStoreError.io(path: spare, reason: "No such file or directory")) {
            try StoreFiles.replace(path, with: [0x0A], spare: spare, sync: false)
        }
    }
}
