import Foundation
import SourceHash

/// The RO-Crate 1.1 metadata of a bundle, by the Process Run Crate profile 0.5: the root Dataset conforms to
/// the profile and has every file as a part; one CreateAction per result file (the experiment's and each
/// control's), whose instrument is repro at the result's commit (a SoftwareApplication with the result's source
/// files as parts and OpenBLAS, HDF5 and Swift as its software requirements), whose object is the resolved
/// parameters (PropertyValues) and whose result is the HDF5 file. Platform and versions come from the result
/// file's attributes, never from the machine that archives it.
enum ArchiveCrate {
  static let profile = "https://w3id.org/ro/wfrun/process/0.5"
  static let roCrate = "https://w3id.org/ro/crate/1.1"

  /// `files`: destination → (SHA-256, size in bytes) of every file written.
  static func graph(
    _ plan: ArchivePlan, files: [String: StagedFile], citation: Citation, preset: Preset, date: Date
  ) -> CrateGraph {
    var g = CrateGraph()
    g.add([
      "@id": CrateGraph.metadataID, "@type": "CreativeWork", "conformsTo": CrateGraph.ref(roCrate),
      "about": CrateGraph.ref(CrateGraph.rootID),
    ])
    g.add(["@id": profile, "@type": "CreativeWork", "name": "Process Run Crate", "version": "0.5"])

    // Data entities: every file, with its hash and size.
    var parts: [[String: Any]] = []
    for item in plan.items {
      let id = CrateGraph.id(path: item.destination)
      var entity = item.properties
      entity["@id"] = id
      entity["@type"] = "File"
      entity["encodingFormat"] = ArchiveLayout.encodingFormat(item.destination)
      if let file = files[item.destination] {
        entity["sha256"] = file.sha256
        entity["contentSize"] = String(file.size)
      }
      g.add(entity)
      parts.append(CrateGraph.ref(id))
    }

    // Authors, from CITATION.cff.
    var authors: [[String: Any]] = []
    for author in citation.authors {
      let id = "#author-" + slug(author.name)
      g.add(["@id": id, "@type": author.isPerson ? "Person" : "Organization", "name": author.name])
      authors.append(CrateGraph.ref(id))
    }

    var actions: [[String: Any]] = []
    for run in plan.runs {
      let action = addAction(run, to: &g, authors: authors)
      actions.append(CrateGraph.ref(action))
    }

    let commits = Set(plan.runs.map { $0.run.commit }).sorted().joined(separator: ", ")
    let ids = plan.runs.filter { $0.control == nil }.map { $0.experiment.id }
    let title = citation.title ?? "repro"
    let plural = ids.count == 1 ? "" : "s"
    let name = "\(title): \(ids.count) result\(plural) at the \(preset.rawValue) preset"
    let description =
      "Results of \(ids.joined(separator: ", ")) at the \(preset.rawValue) preset, computed by repro at commit \(commits), with their controls' results, baselines, sensitivities, figures, gallery and the source files of each result's fingerprint. Each result's CreateAction gives its parameters and the platform and library versions the result file records. "
      + (citation.abstract ?? "")
    var root: [String: Any] = ["@id": CrateGraph.rootID, "@type": "Dataset"]
    root["conformsTo"] = CrateGraph.ref(profile)
    root["name"] = name
    root["description"] = description
    root["datePublished"] = iso8601(date)
    root["hasPart"] = parts
    root["mentions"] = actions
    root["version"] = commits
    if !authors.isEmpty { root["author"] = authors }
    if let license = citation.license {
      let id = "https://spdx.org/licenses/\(license)"
      g.add(["@id": id, "@type": "CreativeWork", "name": license, "identifier": license])
      root["license"] = CrateGraph.ref(id)
    } else {
      // RO-Crate requires a license; where the project states none, the crate says so rather than invent one.
      g.add([
        "@id": "#license", "@type": "CreativeWork", "name": "No license stated",
        "description":
          "The project's CITATION.cff states no license, so none is granted here: ask its authors before reusing the sources. The results and figures are the output of the runs described by the CreateActions.",
      ])
      root["license"] = CrateGraph.ref("#license")
    }
    g.add(root)
    return g
  }

  /// The CreateAction of one result, with its instrument, parameters and platform; returns its `@id`.
  private static func addAction(_ r: ArchivePlan.Run, to g: inout CrateGraph, authors: [[String: Any]]) -> String {
    let run = r.run
    let id = "#run-\(r.experiment.id)" + (r.control.map { "-control-\(slug($0))" } ?? "")
    let digest = run.sourcesDigest

    // repro at the result's commit, made of the result's sources; the libraries it ran on as requirements.
    let software = "#repro-\(digest.prefix(12))"
    var requirements: [[String: Any]] = []
    if let p = run.platform {
      let libraries = [
        ("OpenBLAS", version(of: p.blas, after: "OpenBLAS"), p.blas, "https://www.openblas.net/"),
        ("HDF5", p.hdf5, "HDF5 library \(p.hdf5)", "https://www.hdfgroup.org/solutions/hdf5/"),
        ("Swift", p.swift, "The Swift compiler that built repro", "https://www.swift.org/"),
      ]
      for (name, version, description, url) in libraries {
        let lib = "#\(name.lowercased())-\(slug(version))"
        g.add([
          "@id": lib, "@type": "SoftwareApplication", "name": name, "softwareVersion": version,
          "description": description, "url": url,
        ])
        requirements.append(CrateGraph.ref(lib))
      }
    }
    g.add([
      "@id": software, "@type": "SoftwareApplication", "name": "repro", "softwareVersion": run.commit,
      "identifier": digest,
      "description":
        "repro \(run.harnessVersion) at git commit \(run.commit)\(run.dirty ? " with uncommitted changes to \(run.dirtyFiles)" : ""): the \(r.sources.count) source files of the result's fingerprint (SHA-256 \(digest) over their paths and hashes).",
      "hasPart": r.sources.map { CrateGraph.ref(CrateGraph.id(path: $0)) }, "softwareRequirements": requirements,
    ])

    // The resolved parameters, and the preset.
    var object: [[String: Any]] = []
    for (name, value) in [("preset", "\"\(run.preset)\"")] + run.parameters {
      let pv = "\(id)-parameter-\(slug(name))"
      g.add([
        "@id": pv, "@type": "PropertyValue", "name": name, "value": scalar(value),
        "description": name == "preset"
          ? "The preset the run used" : "Parameter \(name) as the run resolved it (JSON list of its values)",
      ])
      object.append(CrateGraph.ref(pv))
    }

    // The platform, as the result records it.
    var platform: [[String: Any]] = []
    for (name, value) in run.platform?.attributes ?? [] {
      let pv = "#\(name)-\(SHA256.hex(value).prefix(8))"
      g.add([
        "@id": pv, "@type": "PropertyValue", "name": name, "propertyID": name, "value": value,
        "description": "As the result file records it (root attribute \(name)).",
      ])
      platform.append(CrateGraph.ref(pv))
    }

    var action: [String: Any] = [
      "@id": id, "@type": "CreateAction",
      "name": "repro run \(r.experiment.id) --preset \(run.preset)" + (r.control.map { " (control \($0))" } ?? ""),
      "description":
        "The run of \(r.experiment.id)\(r.control.map { ", control \($0)," } ?? "") at the \(run.preset) preset (parameters overridden: \(run.overridden.isEmpty ? "[]" : run.overridden)) on \(run.platform?.summary ?? "an unrecorded platform").",
      "instrument": CrateGraph.ref(software), "object": object,
      "result": CrateGraph.ref(CrateGraph.id(path: r.destination)),
      // A string, as the profile's validator expects it (roc-validator 0.13).
      "actionStatus": "http://schema.org/CompletedActionStatus", "additionalProperty": platform,
    ]
    if let started = run.started { action["startTime"] = time(started) }
    if let ended = run.ended { action["endTime"] = time(ended) }
    g.add(action)
    return id
  }

  /// ISO 8601 with the offset written out ("+00:00", not "Z"), the form the profile's validator accepts.
  static func time(_ date: Date) -> String {
    let text = iso8601(date)
    return text.hasSuffix("Z") ? String(text.dropLast()) + "+00:00" : text
  }

  /// "0.3.21" from "OpenBLAS 0.3.21 NO_LAPACKE …".
  static func version(of text: String, after name: String) -> String {
    let words = text.split(separator: " ")
    guard let k = words.firstIndex(where: { $0 == name }), k + 1 < words.count else { return text }
    return String(words[k + 1])
  }

  /// A parameter's JSON value as the crate states it: a one-element list as its element (a number or a
  /// string), anything else as its JSON text.
  static func scalar(_ json: String) -> Any {
    guard let data = json.data(using: .utf8),
      let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    else { return json }
    let element = (value as? [Any]).flatMap { $0.count == 1 ? $0[0] : nil } ?? value
    if let s = element as? String { return s }
    if let n = element as? NSNumber { return n }
    return json
  }

  /// Letters, digits, '.', '_' and '-' kept; anything else '-'.
  static func slug(_ s: String) -> String {
    String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "-" })
  }
}
